package io.dittofs.smb.handlers;

import io.dittofs.smb.messages.Smb2FlushRequest;
import io.dittofs.smb.messages.Smb2FlushResponse;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.netty.buffer.ByteBuf;

/** SMB2 FLUSH (MS-SMB2 section 3.3.5.11): makes the file's writes durable (FILE_SYNC) through commit. */
public final class Smb2FlushHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2FlushRequest req = Smb2FlushRequest.decode(msg);
        Open open = ctx.open(req.fileId());
        ctx.fs().commit(ctx.auth(), open.node());
        return Reply.ok(Smb2FlushResponse.INSTANCE);
    }
}
