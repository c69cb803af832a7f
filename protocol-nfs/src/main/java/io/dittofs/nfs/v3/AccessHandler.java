package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Access3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.Access;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * ACCESS (RFC 1813 section 3.3.4): which of the asked ACCESS3_* bits the caller has. The runtime's
 * {@link Access} bits have the ACCESS3_* values; bits the protocol does not define are dropped.
 */
public final class AccessHandler extends Nfs3Handler<Access3.Args, Access3.Res> {
    public AccessHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    protected Access3.Args decode(XdrReader in) {
        return Access3.Args.decode(in);
    }

    @Override
    protected Access3.Res execute(Nfs3Request request, Access3.Args args) {
        Target t = request.resolve(args.object());
        int granted = t.fs().access(t.auth(), t.node(), args.access() & Access.ALL);
        return new Access3.Ok(null, granted);
    }

    @Override
    protected Access3.Res failure(Nfsstat3 status, Access3.Args args) {
        return PostOpFail3.of(status);
    }
}
