package io.dittofs.smb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

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
 * A state machine rather than a {@code ByteToMessageDecoder}: once a header names the length, a
 * buffer of exactly that size is allocated and the socket's reads are copied into it as they
 * come, so each byte of a large WRITE is copied once; a cumulating decoder copies a 1-8 MiB
 * frame again each time it grows its buffer (a tenth of the server's CPU in a JFR profile of
 * {@code smbclient put}). A frame that lies whole within one read is passed on as a slice of it,
 * without a copy.
 *
 * <p>Threading: the channel's event loop only.
 */
public final class SmbFrameDecoder extends ChannelInboundHandlerAdapter {
    private static final int HEADER = 4;

    private final int maxFrame;
    private final byte[] header = new byte[HEADER];
    private int headerFill;
    /** The frame being filled, or null between frames. */
    private @Nullable ByteBuf frame;

    private boolean failed;

    public SmbFrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && !failed) {
                ByteBuf f = frame;
                if (f != null) {
                    int n = Math.min(f.writableBytes(), in.readableBytes());
                    f.writeBytes(in, n);
                    if (!f.isWritable()) {
                        frame = null;
                        ctx.fireChannelRead(f);
                    }
                    continue;
                }
                int n = Math.min(HEADER - headerFill, in.readableBytes());
                in.readBytes(header, headerFill, n);
                headerFill += n;
                if (headerFill < HEADER) {
                    return;
                }
                headerFill = 0;
                int length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
                check(header[0], length);
                if (length == 0) {
                    continue; // an empty frame carries nothing
                }
                if (in.readableBytes() >= length) {
                    ctx.fireChannelRead(in.readRetainedSlice(length));
                } else {
                    frame = ctx.alloc().buffer(length, length);
                }
            }
        } finally {
            in.release();
        }
    }

    private void check(byte type, int length) {
        if (type != 0) {
            failed = true;
            throw new CorruptFrameException("frame type 0x" + Integer.toHexString(type & 0xFF));
        }
        if (length > maxFrame) {
            failed = true;
            throw new TooLongFrameException("frame of " + length + " bytes exceeds " + maxFrame);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    private void discard() {
        ByteBuf f = frame;
        frame = null;
        if (f != null) {
            ReferenceCountUtil.safeRelease(f);
        }
    }

    /** A frame header that is not direct-TCP SMB. */
    public static final class CorruptFrameException extends io.netty.handler.codec.DecoderException {
        public CorruptFrameException(String message) {
            super(message);
        }
    }
}
