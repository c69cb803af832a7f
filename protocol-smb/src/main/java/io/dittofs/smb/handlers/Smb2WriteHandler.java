package io.dittofs.smb.handlers;

import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.fs.WriteResult;
import io.dittofs.smb.messages.Smb2WriteRequest;
import io.dittofs.smb.messages.Smb2WriteResponse;
import io.dittofs.smb.rpc.DcerpcPipe;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 WRITE (MS-SMB2 section 3.3.5.13): the data is written from the request frame without a
 * copy; SMB2_WRITEFLAG_WRITE_THROUGH asks for FILE_SYNC, otherwise the write is unstable and
 * committed at FLUSH or CLOSE.
 */
public final class Smb2WriteHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2WriteRequest req = Smb2WriteRequest.decode(msg);
        if (req.data().remaining() > ctx.server().maxWriteSize() || req.offset() < 0) {
            throw SmbProtocolException.invalid("WRITE of " + req.data().remaining() + " at " + req.offset());
        }
        Open open = ctx.open(req.fileId());
        DcerpcPipe pipe = open.pipe();
        if (pipe != null) {
            byte[] pdu = new byte[req.data().remaining()];
            req.data().duplicate().get(pdu);
            pipe.write(pdu);
            return Reply.ok(new Smb2WriteResponse(pdu.length));
        }
        if (open.isDirectory()) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "WRITE to a directory");
        }
        if (open.locks()
                .writeBlocked(
                        ctx.server().runtime().locks(),
                        open.fileKey(),
                        req.offset(),
                        req.data().remaining())) {
            // MS-FSA 2.1.5.3: byte-range locks are mandatory for SMB I/O.
            throw new SmbProtocolException(NtStatus.STATUS_FILE_LOCK_CONFLICT, "range locked");
        }
        Stability stability =
                (req.flags() & Smb2WriteRequest.WRITE_THROUGH) != 0 ? Stability.FILE_SYNC : Stability.UNSTABLE;
        WriteResult w = ctx.fs().write(ctx.auth(), open.node(), req.offset(), req.data(), stability);
        if (w.committed() == Stability.UNSTABLE) {
            open.markWritten();
        }
        open.setPosition(req.offset() + w.count());
        return Reply.ok(new Smb2WriteResponse(w.count()));
    }
}
