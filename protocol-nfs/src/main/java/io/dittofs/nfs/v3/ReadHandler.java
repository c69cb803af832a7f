package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.v3.xdr.Read3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.ReadResult;
import io.dittofs.runtime.share.ShareRegistry;
import io.netty.buffer.Unpooled;

/**
 * READ (RFC 1813 section 3.3.6). The count is clamped to the negotiated maximum (FSINFO rtmax):
 * "the server may return less data than requested", and no buffer is ever sized from the client's
 * count. The runtime's buffer goes to the socket without a copy.
 */
public final class ReadHandler extends Nfs3Handler<Read3.Args, Read3.Res> {
    private final int maxRead;

    public ReadHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
        this.maxRead = settings.maxReadSize();
    }

    @Override
    protected Read3.Args decode(XdrReader in) {
        return Read3.Args.decode(in);
    }

    @Override
    protected Read3.Res execute(Nfs3Request request, Read3.Args args) {
        Target t = request.resolve(args.file());
        int limit = Math.min(maxRead, t.fs().info().maxReadSize());
        int count = (int) Math.min(Integer.toUnsignedLong(args.count()), limit);
        ReadResult r = t.fs().read(t.auth(), t.node(), args.offset(), count);
        int n = r.data().remaining();
        return new Read3.Ok(t.fattr(r.attributes()), n, r.eof(), Unpooled.wrappedBuffer(r.data()));
    }

    @Override
    protected Read3.Res failure(Nfsstat3 status, Read3.Args args) {
        return PostOpFail3.of(status);
    }
}
