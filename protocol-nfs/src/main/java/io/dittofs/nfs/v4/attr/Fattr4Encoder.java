package io.dittofs.nfs.v4.attr;

import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FsStats;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Writes fattr4 (RFC 7530 section 3.2): the bitmap of the attributes returned, then their
 * values in attribute-number order as one opaque. Only readable supported attributes asked for
 * are returned; the rest are left out of the bitmap, as section 16.7.4 allows.
 */
public final class Fattr4Encoder {
    private final Owners owners;
    private final int leaseSeconds;

    public Fattr4Encoder(Owners owners, int leaseSeconds) {
        this.owners = owners;
        this.leaseSeconds = leaseSeconds;
    }

    /** Writes the fattr4 of {@code src} for the attributes in {@code requested}. */
    public void encode(XdrWriter out, ByteBufAllocator alloc, Bitmap4 requested, AttrSource src) {
        Bitmap4 returned = requested.and(Attr4.readable(src.minorVersion()));
        returned.encode(out);
        XdrWriter values = new XdrWriter(alloc);
        try {
            encodeValues(values, returned, src);
        } catch (RuntimeException e) {
            values.release();
            throw e;
        }
        out.writeOpaque(values.finish());
    }

    /** Only the values (for VERIFY's comparison), in the order of {@code attributes}. */
    public void encodeValues(XdrWriter w, Bitmap4 attributes, AttrSource src) {
        Attributes a = src.attrs();
        @Nullable FsStats stats = null;
        for (int n = 0; n < attributes.limit(); n++) {
            if (!attributes.isSet(n)) {
                continue;
            }
            if (n >= Attr4.FILES_AVAIL && n <= Attr4.FILES_TOTAL || n >= Attr4.SPACE_AVAIL && n <= Attr4.SPACE_TOTAL) {
                if (stats == null) {
                    stats = src.stats().get();
                }
            }
            switch (n) {
                case Attr4.SUPPORTED_ATTRS ->
                    Attr4.supported(src.minorVersion()).encode(w);
                case Attr4.TYPE -> w.writeInt(Types.nfsType(a.type()));
                case Attr4.FH_EXPIRE_TYPE -> w.writeInt(0); // FH4_PERSISTENT
                case Attr4.CHANGE -> w.writeLong(a.change());
                case Attr4.SIZE -> w.writeLong(a.size());
                case Attr4.LINK_SUPPORT,
                        Attr4.SYMLINK_SUPPORT,
                        Attr4.UNIQUE_HANDLES,
                        Attr4.CANSETTIME,
                        Attr4.CASE_PRESERVING,
                        Attr4.CHOWN_RESTRICTED,
                        Attr4.HOMOGENEOUS,
                        Attr4.NO_TRUNC -> w.writeBoolean(true);
                case Attr4.NAMED_ATTR, Attr4.CASE_INSENSITIVE -> w.writeBoolean(false);
                case Attr4.FSID -> w.writeLong(src.fsidMajor()).writeLong(0);
                case Attr4.LEASE_TIME -> w.writeInt(leaseSeconds);
                case Attr4.RDATTR_ERROR -> w.writeInt(0);
                case Attr4.ACL -> NfsAcl.encode(w, src.acl().get(), owners);
                case Attr4.ACLSUPPORT -> w.writeInt(NfsAcl.ACL_SUPPORT);
                case Attr4.FILEHANDLE -> src.handle().encode(w);
                case Attr4.FILEID -> w.writeLong(a.fileId());
                case Attr4.FILES_AVAIL -> w.writeLong(stats.availableFiles());
                case Attr4.FILES_FREE -> w.writeLong(stats.freeFiles());
                case Attr4.FILES_TOTAL -> w.writeLong(stats.totalFiles());
                case Attr4.MAXFILESIZE -> w.writeLong(src.info().maxFileSize());
                case Attr4.MAXLINK -> w.writeInt(src.info().maxLinks());
                case Attr4.MAXNAME -> w.writeInt(src.info().maxNameBytes());
                case Attr4.MAXREAD -> w.writeLong(src.info().maxReadSize());
                case Attr4.MAXWRITE -> w.writeLong(src.info().maxWriteSize());
                case Attr4.MODE -> w.writeInt(a.mode() & 07777);
                case Attr4.NUMLINKS -> w.writeInt(a.nlink());
                case Attr4.OWNER -> w.writeString(owners.user(a.uid()));
                case Attr4.OWNER_GROUP -> w.writeString(owners.group(a.gid()));
                case Attr4.RAWDEV -> w.writeInt((int) (a.rdev() >>> 32)).writeInt((int) a.rdev());
                case Attr4.SPACE_AVAIL -> w.writeLong(stats.availableBytes());
                case Attr4.SPACE_FREE -> w.writeLong(stats.freeBytes());
                case Attr4.SPACE_TOTAL -> w.writeLong(stats.totalBytes());
                case Attr4.SPACE_USED -> w.writeLong(a.usedBytes());
                case Attr4.TIME_ACCESS -> time(w, a.atime());
                case Attr4.TIME_CREATE -> time(w, a.birthtime());
                case Attr4.TIME_DELTA -> time(w, src.info().timeGranularityNanos());
                case Attr4.TIME_METADATA -> time(w, a.ctime());
                case Attr4.TIME_MODIFY -> time(w, a.mtime());
                case Attr4.MOUNTED_ON_FILEID -> w.writeLong(src.mountedOnFileId());
                case Attr4.SUPPATTR_EXCLCREAT -> Attr4.EXCLCREAT.encode(w);
                default -> throw new IllegalStateException("attribute " + n + " is not readable");
            }
        }
    }

    /** nfstime4 (section 3.2): signed seconds and nanoseconds below one second. */
    static void time(XdrWriter w, long nanos) {
        w.writeLong(Math.floorDiv(nanos, 1_000_000_000L)).writeInt((int) Math.floorMod(nanos, 1_000_000_000L));
    }
}
