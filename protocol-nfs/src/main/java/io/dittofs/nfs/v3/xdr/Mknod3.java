package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** MKNOD (RFC 1813 section 3.3.11); the result is {@link DirOpRes3}. */
public final class Mknod3 {
    private Mknod3() {}

    /**
     * MKNOD3args: where, and mknoddata3, a union on ftype3: devices carry attributes and
     * specdata3 ({@code rdev}, major in the high word), sockets and FIFOs attributes only, other
     * types nothing (and are refused with NFS3ERR_BADTYPE).
     */
    public record Args(DirOpArgs3 where, int type, Sattr3 attributes, long rdev) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            DirOpArgs3 where = DirOpArgs3.decode(in);
            int type = in.readInt();
            return switch (type) {
                case Fattr3.NF3CHR, Fattr3.NF3BLK -> {
                    Sattr3 a = Sattr3.decode(in);
                    long rdev = (in.readUnsignedInt() << 32) | in.readUnsignedInt();
                    yield new Args(where, type, a, rdev);
                }
                case Fattr3.NF3SOCK, Fattr3.NF3FIFO -> new Args(where, type, Sattr3.decode(in), 0);
                default -> new Args(where, type, Sattr3.NONE, 0);
            };
        }

        @Override
        public void encode(XdrWriter out) {
            where.encode(out);
            out.writeInt(type);
            switch (type) {
                case Fattr3.NF3CHR, Fattr3.NF3BLK -> {
                    attributes.encode(out);
                    out.writeInt((int) (rdev >>> 32)).writeInt((int) rdev);
                }
                case Fattr3.NF3SOCK, Fattr3.NF3FIFO -> attributes.encode(out);
                default -> {}
            }
        }
    }
}
