package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.HandleArgs3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Pathconf3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.FsInfo;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * PATHCONF (RFC 1813 section 3.3.20): long names are refused rather than truncated, only the
 * superuser gives files away, and names are case-sensitive and case-preserving.
 */
public final class PathconfHandler extends Nfs3Handler<HandleArgs3, Pathconf3.Res> {
    public PathconfHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    protected HandleArgs3 decode(XdrReader in) {
        return HandleArgs3.decode(in);
    }

    @Override
    protected Pathconf3.Res execute(Nfs3Request request, HandleArgs3 args) {
        Target t = request.resolve(args.object());
        FsInfo info = t.fs().info();
        return new Pathconf3.Ok(null, info.maxLinks(), info.maxNameBytes(), true, true, false, true);
    }

    @Override
    protected Pathconf3.Res failure(Nfsstat3 status, HandleArgs3 args) {
        return PostOpFail3.of(status);
    }
}
