package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** RENAME (RFC 1813 section 3.3.14). */
public final class Rename3 {
    private Rename3() {}

    /** RENAME3args. */
    public record Args(DirOpArgs3 from, DirOpArgs3 to) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(DirOpArgs3.decode(in), DirOpArgs3.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            from.encode(out);
            to.encode(out);
        }
    }

    /** RENAME3res: both directories' wcc_data in either arm. */
    public record Res(Nfsstat3 status, WccData3 fromDirWcc, WccData3 toDirWcc) implements XdrEncodable {
        public static Res decode(XdrReader in) {
            return new Res(Nfsstat3.of(in.readInt()), WccData3.decode(in), WccData3.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeInt(status.code());
            fromDirWcc.encode(out);
            toDirWcc.encode(out);
        }
    }
}
