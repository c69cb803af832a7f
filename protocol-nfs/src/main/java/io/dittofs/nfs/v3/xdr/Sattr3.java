package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.SetTime;
import org.jspecify.annotations.Nullable;

/**
 * sattr3 (RFC 1813 section 2.6): the attributes a SETATTR or create sets; null fields stay as
 * they are. Times are {@link SetTime}: the server's clock (SET_TO_SERVER_TIME) or a given time.
 */
public record Sattr3(
        @Nullable Integer mode,
        @Nullable Integer uid,
        @Nullable Integer gid,
        @Nullable Long size,
        @Nullable SetTime atime,
        @Nullable SetTime mtime) {

    public static final Sattr3 NONE = new Sattr3(null, null, null, null, null, null);

    // time_how
    private static final int DONT_CHANGE = 0;
    private static final int SET_TO_SERVER_TIME = 1;
    private static final int SET_TO_CLIENT_TIME = 2;

    public Sattr3 withMode(@Nullable Integer v) {
        return new Sattr3(v, uid, gid, size, atime, mtime);
    }

    public Sattr3 withSize(@Nullable Long v) {
        return new Sattr3(mode, uid, gid, v, atime, mtime);
    }

    public SetAttributes toSetAttributes() {
        return SetAttributes.NONE
                .withMode(mode == null ? null : mode & 07777)
                .withOwner(uid, gid)
                .withSize(size)
                .withTimes(atime, mtime);
    }

    public static Sattr3 decode(XdrReader in) {
        Integer mode = in.readBoolean() ? in.readInt() : null;
        Integer uid = in.readBoolean() ? in.readInt() : null;
        Integer gid = in.readBoolean() ? in.readInt() : null;
        Long size = in.readBoolean() ? in.readLong() : null;
        return new Sattr3(mode, uid, gid, size, decodeTime(in), decodeTime(in));
    }

    private static @Nullable SetTime decodeTime(XdrReader in) {
        int how = in.readInt();
        return switch (how) {
            case DONT_CHANGE -> null;
            case SET_TO_SERVER_TIME -> SetTime.NOW;
            case SET_TO_CLIENT_TIME -> SetTime.at(NfsTime3.decode(in).toNanos());
            default -> throw new XdrException("time_how " + how);
        };
    }

    public void encode(XdrWriter out) {
        out.writeBoolean(mode != null);
        if (mode != null) {
            out.writeInt(mode);
        }
        out.writeBoolean(uid != null);
        if (uid != null) {
            out.writeInt(uid);
        }
        out.writeBoolean(gid != null);
        if (gid != null) {
            out.writeInt(gid);
        }
        out.writeBoolean(size != null);
        if (size != null) {
            out.writeLong(size);
        }
        encodeTime(out, atime);
        encodeTime(out, mtime);
    }

    private static void encodeTime(XdrWriter out, @Nullable SetTime t) {
        switch (t) {
            case null -> out.writeInt(DONT_CHANGE);
            case SetTime.ServerTime s -> out.writeInt(SET_TO_SERVER_TIME);
            case SetTime.At at -> {
                out.writeInt(SET_TO_CLIENT_TIME);
                NfsTime3.ofNanos(at.nanos()).encode(out);
            }
        }
    }
}
