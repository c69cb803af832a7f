package io.dittofs.smb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Direct TCP framing (MS-SMB2 section 2.1): each SMB2 message (or compound, or transform) is
 * preceded by a zero byte and a 3-byte big-endian length. Frames longer than {@code maxFrame}, or
 * with a non-zero first byte, fail the channel (the connection is closed) before any of their
 * bytes are buffered.
 *
 * <pre>
 * +--------+--------------------------+---------------------------------+
 * |  0x00  | StreamProtocolLength (3) | SMB2 message(s), that many bytes |
 * +--------+--------------------------+---------------------------------+
 * </pre>
 *
 * Runs on the event loop; emits each frame as a retained slice.
 */
public final class SmbFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrame;

    public SmbFrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int at = in.readerIndex();
            if (in.getByte(at) != 0) {
                in.skipBytes(in.readableBytes());
                throw new CorruptFrameException("frame type 0x" + Integer.toHexString(in.getByte(at) & 0xFF));
            }
            int length = in.getUnsignedMedium(at + 1);
            if (length > maxFrame) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("frame of " + length + " bytes exceeds " + maxFrame);
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4);
            if (length == 0) {
                continue; // an empty frame carries nothing
            }
            out.add(in.readRetainedSlice(length));
        }
    }

    /** A frame header that is not direct-TCP SMB. */
    public static final class CorruptFrameException extends io.netty.handler.codec.DecoderException {
        public CorruptFrameException(String message) {
            super(message);
        }
    }
}
