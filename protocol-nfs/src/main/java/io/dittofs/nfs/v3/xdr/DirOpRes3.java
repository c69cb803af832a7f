package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/**
 * The result of the procedures that create a name (RFC 1813 sections 3.3.8 to 3.3.11):
 * CREATE3res, MKDIR3res, SYMLINK3res, MKNOD3res.
 *
 * <pre>
 * struct CREATE3resok { post_op_fh3 obj; post_op_attr obj_attributes; wcc_data dir_wcc; };
 * struct CREATE3resfail { wcc_data dir_wcc; };
 * </pre>
 */
public sealed interface DirOpRes3 extends XdrEncodable {
    record Ok(@Nullable FileHandle3 object, @Nullable Fattr3 attributes, WccData3 dirWcc) implements DirOpRes3 {}

    record Fail(Nfsstat3 status, WccData3 dirWcc) implements DirOpRes3 {}

    @Override
    default void encode(XdrWriter out) {
        switch (this) {
            case Ok ok -> {
                out.writeInt(Nfsstat3.NFS3_OK.code());
                out.writeBoolean(ok.object() != null);
                if (ok.object() != null) {
                    ok.object().encode(out);
                }
                Fattr3.encodePostOp(out, ok.attributes());
                ok.dirWcc().encode(out);
            }
            case Fail f -> {
                out.writeInt(f.status().code());
                f.dirWcc().encode(out);
            }
        }
    }

    static DirOpRes3 decode(XdrReader in) {
        Nfsstat3 status = Nfsstat3.of(in.readInt());
        if (status != Nfsstat3.NFS3_OK) {
            return new Fail(status, WccData3.decode(in));
        }
        FileHandle3 fh = in.readBoolean() ? FileHandle3.decode(in) : null;
        return new Ok(fh, Fattr3.decodePostOp(in), WccData3.decode(in));
    }
}
