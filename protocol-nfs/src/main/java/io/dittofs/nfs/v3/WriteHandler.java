package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.WriteResult;
import io.dittofs.runtime.share.ShareRegistry;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * WRITE (RFC 1813 section 3.3.7). UNSTABLE writes are acknowledged once the runtime holds them;
 * DATA_SYNC and FILE_SYNC once durable. The verifier is the runtime's boot verifier: "the server
 * must use a verifier that changes when the server crashes or restarts", so a client resends
 * what it had not committed. The data is a slice of the request, written without a copy.
 */
public final class WriteHandler extends Nfs3Handler<Write3.Args, Write3.Res> {
    private final int maxWrite;
    private final long verifier;

    public WriteHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
        this.maxWrite = settings.maxWriteSize();
        this.verifier = settings.writeVerifier();
    }

    @Override
    protected Write3.Args decode(XdrReader in) {
        return Write3.Args.decode(in, maxWrite);
    }

    @Override
    protected Write3.Res execute(Nfs3Request request, Write3.Args args) {
        Target t = request.resolve(args.file());
        ByteBuf data = args.data();
        // Section 3.3.7: count is "the number of bytes of data to be written"; data longer than
        // count is trimmed, shorter is an error.
        if (Integer.toUnsignedLong(args.count()) > data.readableBytes()) {
            throw new FsException(
                    ErrorCode.INVALID_ARGUMENT, "count " + args.count() + " > data " + data.readableBytes());
        }
        if (args.count() > t.fs().info().maxWriteSize()) {
            throw new FsException(ErrorCode.INVALID_ARGUMENT, "write of " + args.count() + " bytes");
        }
        ByteBuffer view = data.nioBuffer(data.readerIndex(), args.count());
        WriteResult r = t.fs().write(t.auth(), t.node(), args.offset(), view, args.stable());
        WccData3 wcc = new WccData3(WccData3.WccAttr3.of(r.before()), t.fattr(r.after()));
        return new Write3.Res.Ok(wcc, r.count(), r.committed(), verifier);
    }

    @Override
    protected Write3.Res failure(Nfsstat3 status, Write3.Args args) {
        return new Write3.Res.Fail(status, WccData3.NONE);
    }
}
