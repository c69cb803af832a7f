package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Rename3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.RenameResult;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * RENAME (RFC 1813 section 3.3.14): atomic, within or across directories of one share; handles of
 * two shares give NFS3ERR_XDEV.
 */
public final class RenameHandler extends Nfs3Handler<Rename3.Args, Rename3.Res> {
    public RenameHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    protected Rename3.Args decode(XdrReader in) {
        return Rename3.Args.decode(in);
    }

    @Override
    protected Rename3.Res execute(Nfs3Request request, Rename3.Args args) {
        Target from = request.resolve(args.from().dir());
        Target to = request.resolveOnSameShare(from, args.to().dir());
        RenameResult r = from.fs()
                .rename(
                        from.auth(),
                        from.node(),
                        args.from().name(),
                        to.node(),
                        args.to().name());
        return new Rename3.Res(Nfsstat3.NFS3_OK, from.wcc(r.from()), from.wcc(r.to()));
    }

    @Override
    protected Rename3.Res failure(Nfsstat3 status, Rename3.Args args) {
        return new Rename3.Res(status, WccData3.NONE, WccData3.NONE);
    }
}
