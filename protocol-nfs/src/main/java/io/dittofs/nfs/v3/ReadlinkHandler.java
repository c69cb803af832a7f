package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.HandleArgs3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.v3.xdr.Readlink3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.share.ShareRegistry;

/** READLINK (RFC 1813 section 3.3.5): a symlink's target, as stored. */
public final class ReadlinkHandler extends Nfs3Handler<HandleArgs3, Readlink3.Res> {
    public ReadlinkHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    protected HandleArgs3 decode(XdrReader in) {
        return HandleArgs3.decode(in);
    }

    @Override
    protected Readlink3.Res execute(Nfs3Request request, HandleArgs3 args) {
        Target t = request.resolve(args.object());
        return new Readlink3.Ok(null, t.fs().readLink(t.auth(), t.node()));
    }

    @Override
    protected Readlink3.Res failure(Nfsstat3 status, HandleArgs3 args) {
        return PostOpFail3.of(status);
    }
}
