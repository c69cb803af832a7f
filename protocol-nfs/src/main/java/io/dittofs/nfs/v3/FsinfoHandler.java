package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Fsinfo3;
import io.dittofs.nfs.v3.xdr.HandleArgs3;
import io.dittofs.nfs.v3.xdr.NfsTime3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.FsInfo;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * FSINFO (RFC 1813 section 3.3.19): the negotiated transfer sizes. rtmax and wtmax are the
 * smaller of the adapter's limits and the runtime's, and every READ and WRITE is held to them.
 */
public final class FsinfoHandler extends Nfs3Handler<HandleArgs3, Fsinfo3.Res> {
    private final Nfs3Settings settings;

    public FsinfoHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
        this.settings = settings;
    }

    @Override
    protected HandleArgs3 decode(XdrReader in) {
        return HandleArgs3.decode(in);
    }

    @Override
    protected Fsinfo3.Res execute(Nfs3Request request, HandleArgs3 args) {
        Target t = request.resolve(args.object());
        FsInfo info = t.fs().info();
        int rtmax = Math.min(settings.maxReadSize(), info.maxReadSize());
        int wtmax = Math.min(settings.maxWriteSize(), info.maxWriteSize());
        int mult = Math.max(1, Math.min(info.preferredIoSize(), 4096));
        return new Fsinfo3.Ok(
                null,
                rtmax,
                rtmax,
                mult,
                wtmax,
                wtmax,
                mult,
                settings.preferredReaddirSize(),
                info.maxFileSize(),
                NfsTime3.ofNanos(Math.max(1, info.timeGranularityNanos())),
                Fsinfo3.FSF3_LINK | Fsinfo3.FSF3_SYMLINK | Fsinfo3.FSF3_HOMOGENEOUS | Fsinfo3.FSF3_CANSETTIME);
    }

    @Override
    protected Fsinfo3.Res failure(Nfsstat3 status, HandleArgs3 args) {
        return PostOpFail3.of(status);
    }
}
