package io.dittofs.nfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Frames each outgoing RPC message as one last fragment (RFC 5531 section 11): a 4-byte header
 * with the top bit set and the length, then the message, which is passed on without copying.
 *
 * <p>Threading: stateless; shared by every channel.
 */
@ChannelHandler.Sharable
public final class RecordMarkingEncoder extends MessageToMessageEncoder<ByteBuf> {
    public RecordMarkingEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        ByteBuf header = ctx.alloc().buffer(4);
        header.writeInt(0x8000_0000 | msg.readableBytes());
        out.add(header);
        out.add(msg.retain());
    }
}
