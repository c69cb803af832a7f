package io.dittofs.smb.handlers;

import io.dittofs.smb.messages.Smb2EchoRequest;
import io.dittofs.smb.messages.Smb2EchoResponse;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.netty.buffer.ByteBuf;

/** SMB2 ECHO (MS-SMB2 section 3.3.5.17): answers at once. */
public final class Smb2EchoHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2EchoRequest.decode(msg);
        return Reply.ok(Smb2EchoResponse.INSTANCE);
    }
}
