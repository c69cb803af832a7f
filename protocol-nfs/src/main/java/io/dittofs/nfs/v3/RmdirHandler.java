package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.DirOpArgs3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.v3.xdr.WccRes3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.RemoveResult;
import io.dittofs.runtime.share.ShareRegistry;

/** RMDIR (RFC 1813 section 3.3.13): removes an empty directory. */
public final class RmdirHandler extends Nfs3Handler<DirOpArgs3, WccRes3> {
    public RmdirHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    protected DirOpArgs3 decode(XdrReader in) {
        return DirOpArgs3.decode(in);
    }

    @Override
    protected WccRes3 execute(Nfs3Request request, DirOpArgs3 args) {
        Target dir = request.resolve(args.dir());
        RemoveResult r = dir.fs().removeDirectory(dir.auth(), dir.node(), args.name());
        return new WccRes3(Nfsstat3.NFS3_OK, dir.wcc(r.directory()));
    }

    @Override
    protected WccRes3 failure(Nfsstat3 status, DirOpArgs3 args) {
        return new WccRes3(status, WccData3.NONE);
    }
}
