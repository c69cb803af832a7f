package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/**
 * The failure arm shared by the results whose failure carries only the object's post_op_attr
 * (ACCESS3resfail, READLINK3resfail, READ3resfail, FSSTAT3resfail, FSINFO3resfail,
 * PATHCONF3resfail, READDIR3resfail, READDIRPLUS3resfail, and LOOKUP3resfail with the
 * directory's).
 */
public record PostOpFail3(Nfsstat3 status, @Nullable Fattr3 attributes)
        implements Access3.Res,
                Readlink3.Res,
                Read3.Res,
                Fsstat3.Res,
                Fsinfo3.Res,
                Pathconf3.Res,
                Readdir3.Res,
                Readdirplus3.Res,
                Lookup3.Res {

    public static PostOpFail3 of(Nfsstat3 status) {
        return new PostOpFail3(status, null);
    }

    /** Decodes what follows the status. */
    public static PostOpFail3 decode(Nfsstat3 status, XdrReader in) {
        return new PostOpFail3(status, Fattr3.decodePostOp(in));
    }

    @Override
    public void encode(XdrWriter out) {
        out.writeInt(status.code());
        Fattr3.encodePostOp(out, attributes);
    }
}
