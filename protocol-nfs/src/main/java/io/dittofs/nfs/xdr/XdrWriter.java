package io.dittofs.nfs.xdr;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes XDR (RFC 4506) into Netty buffers. Small items go into a growing buffer; a large opaque
 * handed over as a {@link ByteBuf} ({@link #writeOpaque(ByteBuf)}) becomes its own component of
 * the result, so READ data is never copied.
 *
 * <p>Ownership: the writer owns what it has been given until {@link #finish()} hands the result to
 * the caller, or {@link #release()} drops it.
 *
 * <p>Threading: not thread-safe; one reply's encoding owns it.
 */
public final class XdrWriter {
    /** Payloads at least this large are added as components rather than copied. */
    private static final int ZERO_COPY_THRESHOLD = 1024;

    private static final byte[] PADDING = new byte[3];

    private final ByteBufAllocator alloc;
    private final CompositeByteBuf out;
    private ByteBuf head;

    public XdrWriter(ByteBufAllocator alloc) {
        this.alloc = alloc;
        this.out = alloc.compositeBuffer(64);
        this.head = alloc.buffer(256);
    }

    public XdrWriter writeInt(int v) {
        head.writeInt(v);
        return this;
    }

    /** Writes the low 32 bits of {@code v} (an unsigned int). */
    public XdrWriter writeUnsignedInt(long v) {
        head.writeInt((int) v);
        return this;
    }

    public XdrWriter writeLong(long v) {
        head.writeLong(v);
        return this;
    }

    public XdrWriter writeBoolean(boolean v) {
        head.writeInt(v ? 1 : 0);
        return this;
    }

    private void pad(int len) {
        head.writeBytes(PADDING, 0, (4 - (len & 3)) & 3);
    }

    /** Fixed-length opaque: the bytes and their padding, no length. */
    public XdrWriter writeFixedOpaque(byte[] b) {
        head.writeBytes(b);
        pad(b.length);
        return this;
    }

    /** Variable-length opaque. */
    public XdrWriter writeOpaque(byte[] b) {
        head.writeInt(b.length);
        return writeFixedOpaque(b);
    }

    /**
     * Variable-length opaque from a buffer whose ownership passes to this writer (it is released
     * with the result). Large payloads are added without copying.
     */
    public XdrWriter writeOpaque(ByteBuf data) {
        int len = data.readableBytes();
        head.writeInt(len);
        if (len < ZERO_COPY_THRESHOLD) {
            head.writeBytes(data);
            data.release();
        } else {
            out.addComponent(true, head);
            out.addComponent(true, data);
            head = alloc.buffer(256);
        }
        pad(len);
        return this;
    }

    /**
     * Appends already encoded XDR (a cached reply, a part encoded apart) whose ownership passes to
     * this writer; large buffers are added without copying.
     */
    public XdrWriter writeRaw(ByteBuf data) {
        if (data.readableBytes() < ZERO_COPY_THRESHOLD) {
            head.writeBytes(data);
            data.release();
        } else {
            out.addComponent(true, head);
            out.addComponent(true, data);
            head = alloc.buffer(256);
        }
        return this;
    }

    public XdrWriter writeString(String s) {
        return writeOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes written so far. */
    public int size() {
        return out.readableBytes() + head.readableBytes();
    }

    /** The encoded bytes; the caller owns (and must release) the result. The writer is spent. */
    public ByteBuf finish() {
        if (out.numComponents() == 0) {
            out.release();
            return head;
        }
        out.addComponent(true, head);
        return out;
    }

    /** Drops everything written (on an encoding failure). The writer is spent. */
    public void release() {
        head.release();
        out.release();
    }
}
