package io.dittofs.smb.server;

import io.netty.buffer.ByteBuf;

/**
 * Serves one SMB2 command. {@code msg} is the request message (index 0 is its header, the writer
 * index its end); the handler decodes it, makes at most one runtime call per file operation, and
 * returns the reply. It may throw {@link io.dittofs.smb.wire.SmbProtocolException} or
 * {@link io.dittofs.runtime.error.FsException}; the pipeline maps both.
 */
public interface Smb2Handler {
    Reply handle(RequestContext ctx, ByteBuf msg);
}
