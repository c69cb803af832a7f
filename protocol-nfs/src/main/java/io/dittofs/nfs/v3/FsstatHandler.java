package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Fsstat3;
import io.dittofs.nfs.v3.xdr.HandleArgs3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.FsStats;
import io.dittofs.runtime.share.ShareRegistry;

/** FSSTAT (RFC 1813 section 3.3.18): space and file counts; invarsec 0, as they change any time. */
public final class FsstatHandler extends Nfs3Handler<HandleArgs3, Fsstat3.Res> {
    public FsstatHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    protected HandleArgs3 decode(XdrReader in) {
        return HandleArgs3.decode(in);
    }

    @Override
    protected Fsstat3.Res execute(Nfs3Request request, HandleArgs3 args) {
        Target t = request.resolve(args.object());
        FsStats s = t.fs().statFs(t.auth());
        return new Fsstat3.Ok(
                null,
                s.totalBytes(),
                s.freeBytes(),
                s.availableBytes(),
                s.totalFiles(),
                s.freeFiles(),
                s.availableFiles(),
                0);
    }

    @Override
    protected Fsstat3.Res failure(Nfsstat3 status, HandleArgs3 args) {
        return PostOpFail3.of(status);
    }
}
