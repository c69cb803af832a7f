package io.dittofs.smb.handlers;

import io.dittofs.smb.messages.Smb2LogoffRequest;
import io.dittofs.smb.messages.Smb2LogoffResponse;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Session;
import io.dittofs.smb.server.Smb2Handler;
import io.netty.buffer.ByteBuf;

/** SMB2 LOGOFF (MS-SMB2 section 3.3.5.6): closes the session's opens and tree connects, then the session. */
public final class Smb2LogoffHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2LogoffRequest.decode(msg);
        Session session = ctx.requireSession();
        for (Open o : ctx.connection().opens()) {
            if (session.trees().contains(o.tree())) {
                Smb2CloseHandler.closeOpen(ctx.server(), ctx.connection(), o);
            }
        }
        session.expire();
        ctx.connection().removeSession(session.id());
        return Reply.ok(Smb2LogoffResponse.INSTANCE);
    }
}
