package io.dittofs.nfs.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads XDR (RFC 4506) from a {@link ByteBuf}. Every read checks that the bytes are there, and
 * every variable-length item takes the largest length the caller accepts, so a hostile length
 * never sizes an allocation. Failures are {@link XdrException}s.
 *
 * <p>The reader does not own the buffer; slices it hands out ({@link #readOpaqueSlice}) share
 * the buffer's memory and are valid as long as the buffer is.
 *
 * <p>Threading: not thread-safe; one request's decoding owns it.
 */
public final class XdrReader {
    private final ByteBuf buf;

    public XdrReader(ByteBuf buf) {
        this.buf = buf;
    }

    private void need(int bytes, String what) {
        if (buf.readableBytes() < bytes) {
            throw new XdrException(what + ": need " + bytes + " bytes, " + buf.readableBytes() + " left");
        }
    }

    /** Section 4.1: a signed 32-bit integer. */
    public int readInt() {
        need(4, "int");
        return buf.readInt();
    }

    /** Section 4.2: an unsigned 32-bit integer, widened. */
    public long readUnsignedInt() {
        return readInt() & 0xFFFF_FFFFL;
    }

    /** Section 4.5: a 64-bit hyper (signed or unsigned; Java keeps the bits). */
    public long readLong() {
        need(8, "hyper");
        return buf.readLong();
    }

    /** Section 4.4: a boolean, which must be 0 or 1. */
    public boolean readBoolean() {
        int v = readInt();
        return switch (v) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new XdrException("bool: " + v);
        };
    }

    /** A length prefix of at most {@code max}. */
    private int readLength(int max, String what) {
        int len = readInt();
        if (len < 0 || len > max) {
            throw new XdrException(what + " length " + Integer.toUnsignedString(len) + " exceeds " + max);
        }
        return len;
    }

    private void skipPadding(int len) {
        int pad = (4 - (len & 3)) & 3;
        need(pad, "padding");
        buf.skipBytes(pad);
    }

    /** Section 4.9: fixed-length opaque data of {@code len} bytes, copied. */
    public byte[] readFixedOpaque(int len) {
        need(len, "opaque[" + len + "]");
        byte[] b = new byte[len];
        buf.readBytes(b);
        skipPadding(len);
        return b;
    }

    /** Section 4.10: variable-length opaque data of at most {@code max} bytes, copied. */
    public byte[] readOpaque(int max) {
        int len = readLength(max, "opaque");
        return readFixedOpaque(len);
    }

    /**
     * Section 4.10: variable-length opaque data of at most {@code max} bytes as a slice of the
     * underlying buffer, without copying (WRITE data). Not retained: valid while the buffer is.
     */
    public ByteBuf readOpaqueSlice(int max) {
        int len = readLength(max, "opaque");
        need(len, "opaque<" + len + ">");
        ByteBuf slice = buf.readSlice(len);
        skipPadding(len);
        return slice;
    }

    /**
     * Section 4.10 as a NIO view of the slice: no copy when the bytes lie in one component. The
     * view is valid while the buffer is.
     */
    public ByteBuffer readOpaqueView(int max) {
        ByteBuf slice = readOpaqueSlice(max);
        return slice.nioBufferCount() == 1
                ? slice.nioBuffer()
                : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(slice));
    }

    /** Section 4.11: a string of at most {@code max} bytes, which must be valid UTF-8. */
    public String readString(int max) {
        int len = readLength(max, "string");
        need(len, "string<" + len + ">");
        ByteBuffer bytes = buf.nioBuffer(buf.readerIndex(), len);
        buf.skipBytes(len);
        skipPadding(len);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new XdrException("string is not UTF-8");
        }
    }

    /** Section 4.13: the element count of a variable-length array of at most {@code max} elements. */
    public int readArrayLength(int max) {
        return readLength(max, "array");
    }

    /** Bytes not yet read. */
    public int remaining() {
        return buf.readableBytes();
    }

    /** The bytes not yet read, as a slice (not retained). */
    public ByteBuf rest() {
        return buf.slice();
    }

    /** Fails unless every byte has been read: trailing bytes mean a malformed message. */
    public void requireEnd() {
        if (buf.isReadable()) {
            throw new XdrException(buf.readableBytes() + " trailing bytes");
        }
    }
}
