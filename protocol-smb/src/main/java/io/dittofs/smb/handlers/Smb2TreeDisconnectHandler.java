package io.dittofs.smb.handlers;

import io.dittofs.smb.messages.Smb2TreeDisconnectRequest;
import io.dittofs.smb.messages.Smb2TreeDisconnectResponse;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.server.TreeConnect;
import io.netty.buffer.ByteBuf;

/** SMB2 TREE_DISCONNECT (MS-SMB2 section 3.3.5.8): closes the tree's opens and forgets the tree. */
public final class Smb2TreeDisconnectHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2TreeDisconnectRequest.decode(msg);
        TreeConnect tree = ctx.requireTree();
        for (Open o : ctx.connection().opens()) {
            if (o.tree() == tree) {
                Smb2CloseHandler.closeOpen(ctx.server(), ctx.connection(), o);
            }
        }
        ctx.requireSession().removeTree(tree.id());
        return Reply.ok(Smb2TreeDisconnectResponse.INSTANCE);
    }
}
