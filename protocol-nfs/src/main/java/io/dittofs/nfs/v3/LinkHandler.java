package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Link3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.LinkResult;
import io.dittofs.runtime.share.ShareRegistry;

/** LINK (RFC 1813 section 3.3.15): a new name for an existing non-directory of the same share. */
public final class LinkHandler extends Nfs3Handler<Link3.Args, Link3.Res> {
    public LinkHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    protected Link3.Args decode(XdrReader in) {
        return Link3.Args.decode(in);
    }

    @Override
    protected Link3.Res execute(Nfs3Request request, Link3.Args args) {
        Target file = request.resolve(args.file());
        Target dir = request.resolveOnSameShare(file, args.link().dir());
        LinkResult r =
                file.fs().link(file.auth(), file.node(), dir.node(), args.link().name());
        return new Link3.Res(Nfsstat3.NFS3_OK, file.fattr(r.file()), dir.wcc(r.directory()));
    }

    @Override
    protected Link3.Res failure(Nfsstat3 status, Link3.Args args) {
        return new Link3.Res(status, null, WccData3.NONE);
    }
}
