package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Getattr3;
import io.dittofs.nfs.v3.xdr.HandleArgs3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.share.ShareRegistry;

/** GETATTR (RFC 1813 section 3.3.1): a file's attributes. */
public final class GetattrHandler extends Nfs3Handler<HandleArgs3, Getattr3.Res> {
    public GetattrHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    protected HandleArgs3 decode(XdrReader in) {
        return HandleArgs3.decode(in);
    }

    @Override
    protected Getattr3.Res execute(Nfs3Request request, HandleArgs3 args) {
        Target t = request.resolve(args.object());
        return new Getattr3.Res.Ok(t.fattr(t.fs().getAttributes(t.auth(), t.node())));
    }

    @Override
    protected Getattr3.Res failure(Nfsstat3 status, HandleArgs3 args) {
        return new Getattr3.Res.Fail(status);
    }
}
