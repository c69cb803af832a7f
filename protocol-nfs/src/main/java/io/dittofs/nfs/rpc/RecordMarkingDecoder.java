package io.dittofs.nfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles ONC-RPC records from the TCP record marking of RFC 5531 section 11: each record is
 * one or more fragments, each preceded by a 4-byte header whose top bit marks the last fragment
 * and whose low 31 bits give the fragment's length.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-------------------------------------------------------------+
 * |L|                     fragment length (31 bits)               |
 * +-+-------------------------------------------------------------+
 * |                 fragment bytes ...                            |
 * </pre>
 *
 * <p>A record whose fragments add up to more than {@code maxRecordSize} closes the connection:
 * the bytes that follow cannot be trusted to start a new record. Emits each complete record as
 * one {@link ByteBuf} the next handler owns. A record that arrived in one read is a retained
 * slice of it, not copied. One spread over several reads (any WRITE of more than a socket read,
 * so every large one) is gathered while it arrives as a composite of slices and then copied once
 * into one pooled direct buffer: the handlers hand WRITE data to the runtime as a single NIO
 * buffer, and a composite's {@code nioBuffer()} would copy it onto the heap, after which the
 * write log's {@code FileChannel.write} copies that heap buffer again into a temporary direct
 * one. One copy into direct memory replaces those two.
 *
 * <p>Threading: one instance per channel, used on its event loop only.
 */
public final class RecordMarkingDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(RecordMarkingDecoder.class);

    private enum State {
        HEADER,
        FRAGMENT,
        DISCARD
    }

    private final int maxRecordSize;
    private State state = State.HEADER;
    private boolean lastFragment;
    private int fragmentRemaining;
    private int recordSize;
    private @Nullable ByteBuf record;

    /** @param maxRecordSize the largest record accepted, in bytes (fragment headers not counted) */
    public RecordMarkingDecoder(int maxRecordSize) {
        if (maxRecordSize <= 0) {
            throw new IllegalArgumentException("maxRecordSize " + maxRecordSize);
        }
        this.maxRecordSize = maxRecordSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case DISCARD -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                case HEADER -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    int header = in.readInt();
                    lastFragment = header < 0;
                    int length = header & 0x7FFF_FFFF;
                    if (length > maxRecordSize - recordSize) {
                        log.warn(
                                "client {} sent a record over {} bytes: closing the connection",
                                ctx.channel().remoteAddress(),
                                maxRecordSize);
                        discard();
                        in.skipBytes(in.readableBytes());
                        ctx.close();
                        return;
                    }
                    fragmentRemaining = length;
                    recordSize += length;
                    state = State.FRAGMENT;
                }
                case FRAGMENT -> {
                    int take = Math.min(fragmentRemaining, in.readableBytes());
                    if (take > 0) {
                        ByteBuf part = in.readRetainedSlice(take);
                        if (record == null) {
                            record = part;
                        } else if (record instanceof CompositeByteBuf c) {
                            c.addComponent(true, part);
                        } else {
                            record = ctx.alloc()
                                    .compositeBuffer(Integer.MAX_VALUE)
                                    .addComponents(true, record, part);
                        }
                        fragmentRemaining -= take;
                    }
                    if (fragmentRemaining > 0) {
                        return;
                    }
                    state = State.HEADER;
                    if (lastFragment) {
                        out.add(takeRecord(ctx));
                    }
                }
            }
        }
    }

    private ByteBuf takeRecord(ChannelHandlerContext ctx) {
        ByteBuf r = record;
        record = null;
        recordSize = 0;
        if (r == null) {
            return ctx.alloc().buffer(0); // a record of zero bytes
        }
        if (r.nioBufferCount() > 1) {
            ByteBuf flat = ctx.alloc().directBuffer(r.readableBytes());
            try {
                flat.writeBytes(r);
            } finally {
                r.release();
            }
            return flat;
        }
        return r;
    }

    private void discard() {
        state = State.DISCARD;
        if (record != null) {
            record.release();
            record = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        discard();
    }
}
