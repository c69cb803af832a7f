package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** LINK (RFC 1813 section 3.3.15). */
public final class Link3 {
    private Link3() {}

    /** LINK3args: the existing file and the new name. */
    public record Args(FileHandle3 file, DirOpArgs3 link) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(FileHandle3.decode(in), DirOpArgs3.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            file.encode(out);
            link.encode(out);
        }
    }

    /** LINK3res: the file's post_op_attr and the directory's wcc_data in either arm. */
    public record Res(Nfsstat3 status, @Nullable Fattr3 fileAttributes, WccData3 linkDirWcc) implements XdrEncodable {
        public static Res decode(XdrReader in) {
            return new Res(Nfsstat3.of(in.readInt()), Fattr3.decodePostOp(in), WccData3.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeInt(status.code());
            Fattr3.encodePostOp(out, fileAttributes);
            linkDirWcc.encode(out);
        }
    }
}
