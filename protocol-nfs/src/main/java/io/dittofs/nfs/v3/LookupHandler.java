package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.DirOpArgs3;
import io.dittofs.nfs.v3.xdr.Lookup3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * LOOKUP (RFC 1813 section 3.3.3). "." and ".." resolve in the runtime, which never leaves the
 * share. The directory's attributes are left out (post_op_attr is optional): fetching them would
 * be a second runtime call.
 */
public final class LookupHandler extends Nfs3Handler<DirOpArgs3, Lookup3.Res> {
    public LookupHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    protected DirOpArgs3 decode(XdrReader in) {
        return DirOpArgs3.decode(in);
    }

    @Override
    protected Lookup3.Res execute(Nfs3Request request, DirOpArgs3 args) {
        Target dir = request.resolve(args.dir());
        Attributes a = dir.fs().lookup(dir.auth(), dir.node(), args.name());
        return new Lookup3.Ok(dir.handle(a.id()), dir.fattr(a), null);
    }

    @Override
    protected Lookup3.Res failure(Nfsstat3 status, DirOpArgs3 args) {
        return PostOpFail3.of(status);
    }
}
