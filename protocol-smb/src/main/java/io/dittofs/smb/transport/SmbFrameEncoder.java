package io.dittofs.smb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Prepends the direct-TCP header (MS-SMB2 2.1) to each outgoing frame, without copying it. */
@ChannelHandler.Sharable
public final class SmbFrameEncoder extends MessageToMessageEncoder<ByteBuf> {
    private final int maxFrame;

    public SmbFrameEncoder(int maxFrame) {
        super(ByteBuf.class);
        this.maxFrame = maxFrame;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        int length = msg.readableBytes();
        if (length > maxFrame) {
            throw new EncoderException("response of " + length + " bytes exceeds the frame cap " + maxFrame);
        }
        ByteBuf header = ctx.alloc().buffer(4);
        header.writeByte(0);
        header.writeMedium(length);
        out.add(header);
        out.add(msg.retain());
    }
}
