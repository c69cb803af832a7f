package io.dittofs.smb.handlers;

import io.dittofs.runtime.fs.ReadResult;
import io.dittofs.smb.messages.Smb2ReadRequest;
import io.dittofs.smb.messages.Smb2ReadResponse;
import io.dittofs.smb.rpc.DcerpcPipe;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 READ (MS-SMB2 section 3.3.5.12): the length is checked against the negotiated
 * MaxReadSize before anything is allocated; a read at or past the end, or shorter than
 * MinimumCount, is STATUS_END_OF_FILE.
 */
public final class Smb2ReadHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2ReadRequest req = Smb2ReadRequest.decode(msg);
        if (req.length() > ctx.server().maxReadSize() || req.offset() < 0) {
            throw SmbProtocolException.invalid("READ of " + req.length() + " at " + req.offset());
        }
        Open open = ctx.open(req.fileId());
        DcerpcPipe pipe = open.pipe();
        if (pipe != null) {
            byte[] out = pipe.read((int) req.length());
            if (out.length == 0) {
                throw new SmbProtocolException(NtStatus.STATUS_PIPE_EMPTY, "nothing to read");
            }
            return Reply.ok(new Smb2ReadResponse(java.nio.ByteBuffer.wrap(out)));
        }
        if (open.isDirectory()) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "READ of a directory");
        }
        if (open.locks().readBlocked(ctx.server().runtime().locks(), open.fileKey(), req.offset(), req.length())) {
            // MS-FSA 2.1.5.2: byte-range locks are mandatory for SMB I/O.
            throw new SmbProtocolException(NtStatus.STATUS_FILE_LOCK_CONFLICT, "range locked");
        }
        ReadResult r = ctx.fs().read(ctx.auth(), open.node(), req.offset(), (int) req.length());
        int n = r.data().remaining();
        if ((n == 0 && req.length() > 0) || n < req.minimumCount()) {
            throw new SmbProtocolException(NtStatus.STATUS_END_OF_FILE, "EOF");
        }
        open.setPosition(req.offset() + n);
        return Reply.ok(new Smb2ReadResponse(r.data()));
    }
}
