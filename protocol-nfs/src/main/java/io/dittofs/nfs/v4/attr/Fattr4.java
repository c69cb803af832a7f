package io.dittofs.nfs.v4.attr;

import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.SetTime;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A fattr4 as a client sent it (RFC 7530 section 3.2): the attribute mask and the values, kept
 * as bytes until an operation knows what to make of them (SETATTR and creates parse them into
 * {@link Settable}; VERIFY compares them byte for byte).
 */
public record Fattr4(Bitmap4 mask, byte[] values) {
    /** The most bytes of attribute values we accept: far more than every settable one together. */
    public static final int MAX_VALUES = 64 * 1024;

    public Fattr4 {
        values = values.clone();
    }

    public static Fattr4 decode(XdrReader in) {
        Bitmap4 mask = Bitmap4.decode(in);
        return new Fattr4(mask, in.readOpaque(MAX_VALUES));
    }

    /**
     * What a client asks to set: the attributes the runtime changes with setAttributes, and the
     * ACL it sets with setAcl.
     */
    public record Settable(
            SetAttributes attributes, @Nullable Acl acl) {}

    /**
     * The attributes to set: NFS4ERR_ATTRNOTSUPP for attributes not supported,
     * NFS4ERR_INVAL for read-only ones (section 16.32.5), NFS4ERR_BADXDR for values that do not
     * parse, NFS4ERR_BADOWNER for unknown owners.
     */
    public Settable toSettable(Owners owners, int minorVersion) {
        if (!mask.isSubsetOf(Attr4.supported(minorVersion))) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_ATTRNOTSUPP, "unsupported attribute in " + mask);
        }
        if (!mask.isSubsetOf(Attr4.WRITABLE)) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "read-only attribute in " + mask);
        }
        XdrReader in = new XdrReader(Unpooled.wrappedBuffer(values));
        SetAttributes s = SetAttributes.NONE;
        Acl acl = null;
        try {
            for (int n = 0; n < mask.limit(); n++) {
                if (!mask.isSet(n)) {
                    continue;
                }
                s = switch (n) {
                    case Attr4.SIZE -> s.withSize(in.readLong());
                    case Attr4.ACL -> {
                        acl = NfsAcl.decode(in, owners);
                        yield s;
                    }
                    case Attr4.MODE -> s.withMode(in.readInt() & 07777);
                    case Attr4.OWNER -> s.withOwner(owners.uidOf(in.readString(Nfs4.MAX_NAME)), s.gid());
                    case Attr4.OWNER_GROUP -> s.withOwner(s.uid(), owners.gidOf(in.readString(Nfs4.MAX_NAME)));
                    case Attr4.TIME_ACCESS_SET -> s.withTimes(setTime(in), s.mtime());
                    case Attr4.TIME_MODIFY_SET -> s.withTimes(s.atime(), setTime(in));
                    case Attr4.TIME_CREATE -> s.withBirthtime(time(in));
                    default -> throw new IllegalStateException("attribute " + n + " is not writable");
                };
            }
            in.requireEnd();
        } catch (XdrException e) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADXDR, "attribute values: " + e.getMessage());
        }
        return new Settable(s, acl);
    }

    /** settime4 (section 3.2): SET_TO_SERVER_TIME4 (0) or SET_TO_CLIENT_TIME4 (1) with a time. */
    private static SetTime setTime(XdrReader in) {
        int how = in.readInt();
        return switch (how) {
            case 0 -> SetTime.NOW;
            case 1 -> SetTime.at(time(in));
            default -> throw new XdrException("time_how4 " + how);
        };
    }

    private static long time(XdrReader in) {
        long seconds = in.readLong();
        long nanos = in.readUnsignedInt();
        if (nanos >= 1_000_000_000L) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "nseconds " + nanos);
        }
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException e) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "time out of range");
        }
    }

    @Override
    public byte[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fattr4 f && f.mask.equals(mask) && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * mask.hashCode() + Arrays.hashCode(values);
    }
}
