package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FileType;
import org.jspecify.annotations.Nullable;

/**
 * fattr3 (RFC 1813 section 2.6): a file's attributes on the wire. {@code type} is ftype3,
 * {@code rdev} is specdata3 as {@code major << 32 | minor}, {@code fsid} the share id.
 */
public record Fattr3(
        int type,
        int mode,
        int nlink,
        int uid,
        int gid,
        long size,
        long used,
        long rdev,
        long fsid,
        long fileid,
        NfsTime3 atime,
        NfsTime3 mtime,
        NfsTime3 ctime) {

    // ftype3
    public static final int NF3REG = 1;
    public static final int NF3DIR = 2;
    public static final int NF3BLK = 3;
    public static final int NF3CHR = 4;
    public static final int NF3LNK = 5;
    public static final int NF3SOCK = 6;
    public static final int NF3FIFO = 7;

    public static int ftype3(FileType t) {
        return switch (t) {
            case REGULAR -> NF3REG;
            case DIRECTORY -> NF3DIR;
            case BLOCK_DEVICE -> NF3BLK;
            case CHAR_DEVICE -> NF3CHR;
            case SYMLINK -> NF3LNK;
            case SOCKET -> NF3SOCK;
            case FIFO -> NF3FIFO;
        };
    }

    public static Fattr3 of(Attributes a, int fsid) {
        return new Fattr3(
                ftype3(a.type()),
                a.mode() & 07777,
                a.nlink(),
                a.uid(),
                a.gid(),
                a.size(),
                a.usedBytes(),
                a.rdev(),
                fsid & 0xFFFF_FFFFL,
                a.fileId(),
                NfsTime3.ofNanos(a.atime()),
                NfsTime3.ofNanos(a.mtime()),
                NfsTime3.ofNanos(a.ctime()));
    }

    public static Fattr3 decode(XdrReader in) {
        int type = in.readInt();
        if (type < NF3REG || type > NF3FIFO) {
            throw new XdrException("ftype3 " + type);
        }
        return new Fattr3(
                type,
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readLong(),
                in.readLong(),
                (in.readUnsignedInt() << 32) | in.readUnsignedInt(),
                in.readLong(),
                in.readLong(),
                NfsTime3.decode(in),
                NfsTime3.decode(in),
                NfsTime3.decode(in));
    }

    public void encode(XdrWriter out) {
        out.writeInt(type).writeInt(mode).writeInt(nlink).writeInt(uid).writeInt(gid);
        out.writeLong(size).writeLong(used);
        out.writeInt((int) (rdev >>> 32)).writeInt((int) rdev);
        out.writeLong(fsid).writeLong(fileid);
        atime.encode(out);
        mtime.encode(out);
        ctime.encode(out);
    }

    /** post_op_attr: the attributes when known. */
    public static void encodePostOp(XdrWriter out, @Nullable Fattr3 attrs) {
        out.writeBoolean(attrs != null);
        if (attrs != null) {
            attrs.encode(out);
        }
    }

    public static @Nullable Fattr3 decodePostOp(XdrReader in) {
        return in.readBoolean() ? decode(in) : null;
    }

    /** The bytes a present post_op_attr takes. */
    public static final int POST_OP_SIZE = 4 + 84;
}
