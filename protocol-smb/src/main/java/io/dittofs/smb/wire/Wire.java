package io.dittofs.smb.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked access to one SMB2 message (index 0 is its header, the writer index its end).
 * Every offset and length a client sends goes through here before use, and fails with
 * STATUS_INVALID_PARAMETER when it reaches outside the message.
 */
public final class Wire {
    private Wire() {}

    /** Checks that {@code [offset, offset + length)} lies within the message. */
    public static void need(ByteBuf msg, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > msg.writerIndex()) {
            throw SmbProtocolException.invalid(
                    "field at " + offset + "+" + length + " outside a message of " + msg.writerIndex() + " bytes");
        }
    }

    /**
     * Checks the body's StructureSize (the 2 bytes after the header) and that the fixed part of
     * the body is present: {@code fixedLength} bytes (StructureSize rounded down to even, as its
     * odd bit only says that a variable part follows).
     */
    public static void structure(ByteBuf msg, int structureSize) {
        need(msg, Smb2Header.SIZE, structureSize & ~1);
        if (msg.getUnsignedShortLE(Smb2Header.SIZE) != structureSize) {
            throw SmbProtocolException.invalid("StructureSize is not " + structureSize);
        }
    }

    /** The bytes at {@code offset}, copied; an empty array for length 0 (whatever the offset). */
    public static byte[] bytes(ByteBuf msg, long offset, long length) {
        if (length == 0) {
            return new byte[0];
        }
        need(msg, offset, length);
        byte[] b = new byte[(int) length];
        msg.getBytes((int) offset, b);
        return b;
    }

    /** A UTF-16LE string at {@code offset}; its length in bytes must be even. */
    public static String utf16(ByteBuf msg, long offset, long length) {
        if ((length & 1) != 0) {
            throw SmbProtocolException.invalid("odd UTF-16 length " + length);
        }
        return new String(bytes(msg, offset, length), StandardCharsets.UTF_16LE);
    }

    /** Writes {@code s} as UTF-16LE, without a terminator; returns the byte count. */
    public static int writeUtf16(ByteBuf out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        out.writeBytes(b);
        return b.length;
    }

    public static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** Pads {@code out} with zeroes until its writer index, counted from {@code start}, is a multiple of {@code align}. */
    public static void pad(ByteBuf out, int start, int align) {
        int rem = (out.writerIndex() - start) % align;
        if (rem != 0) {
            out.writeZero(align - rem);
        }
    }
}
