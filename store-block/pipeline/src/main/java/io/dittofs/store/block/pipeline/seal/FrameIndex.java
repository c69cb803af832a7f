package io.dittofs.store.block.pipeline.seal;

import io.dittofs.store.block.pipeline.format.ObjectHeader;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The frame index at the start of every sealed object, version 1. All integers big-endian; the
 * frames follow it directly, in order, each a complete sealed object ({@link ObjectHeader}
 * {@code DFSO} header and payload) that opens on its own.
 *
 * <pre>
 *  offset  size  field
 *   0      4     magic "DFSF" (0x44 0x46 0x53 0x46)
 *   4      1     format version (1)
 *   5      1     flags (0; any other value is rejected by version 1 readers)
 *   6      2     reserved (0)
 *   8      8     plaintext length L: the object's bytes as the caller put them
 *  16      4     frame count N
 *  20      12*N  per frame: plaintext length (4), stored length (4), CRC-32C of the stored frame (4)
 *  20+12N  4     CRC-32C of bytes 0 to 20+12N
 * </pre>
 *
 * <p>The per-frame CRC ties each frame to its place: a frame moved or copied from elsewhere (which
 * would still decrypt, being sealed on its own) is caught before it is opened.
 */
record FrameIndex(long plainLength, int[] plainLengths, int[] storedLengths, int[] crcs) {
    static final int MAGIC = 0x44465346;
    static final int VERSION = 1;
    static final int FIXED_LENGTH = 20;
    static final int ENTRY_LENGTH = 12;
    /** A bound against corrupt counts: 16 Mi frames of up to 64 MiB each is far beyond any object. */
    static final int MAX_FRAMES = 1 << 24;

    int frameCount() {
        return plainLengths.length;
    }

    /** Bytes of the encoded index: where frame 0 starts. */
    int length() {
        return lengthFor(frameCount());
    }

    static int lengthFor(int frames) {
        return FIXED_LENGTH + ENTRY_LENGTH * frames + 4;
    }

    /** The frames' locations, computed from the lengths. */
    FrameLocation[] locations() {
        FrameLocation[] out = new FrameLocation[frameCount()];
        long plain = 0;
        long stored = length();
        for (int i = 0; i < out.length; i++) {
            out[i] = new FrameLocation(i, plain, plainLengths[i], stored, storedLengths[i], crcs[i]);
            plain += plainLengths[i];
            stored += storedLengths[i];
        }
        return out;
    }

    void encodeTo(ByteBuffer out) {
        int start = out.position();
        out.putInt(MAGIC); // Magic (4 bytes)
        out.put((byte) VERSION); // Format version (1 byte)
        out.put((byte) 0); // Flags (1 byte)
        out.putShort((short) 0); // Reserved (2 bytes)
        out.putLong(plainLength); // Plaintext length (8 bytes)
        out.putInt(frameCount()); // Frame count (4 bytes)
        for (int i = 0; i < frameCount(); i++) {
            out.putInt(plainLengths[i]); // Frame plaintext length (4 bytes)
            out.putInt(storedLengths[i]); // Frame stored length (4 bytes)
            out.putInt(crcs[i]); // Frame CRC-32C (4 bytes)
        }
        out.putInt(crc(out, start, out.position() - start)); // CRC-32C (4 bytes)
    }

    /**
     * How many bytes from the start of {@code in} the whole index takes, from its first {@value
     * #FIXED_LENGTH} bytes, so a reader that fetched a short prefix knows whether to fetch more.
     */
    static int requiredLength(ByteBuffer in) {
        checkPrelude(in);
        int frames = in.getInt(in.position() + 16);
        if (frames < 0 || frames > MAX_FRAMES) {
            throw new SealedFormatException("frame count out of range: " + frames);
        }
        return lengthFor(frames);
    }

    /** Decodes the index at {@code in}'s position; {@code in} is left as it was. */
    static FrameIndex decode(ByteBuffer in) {
        int start = in.position();
        int length = requiredLength(in);
        if (in.remaining() < length) {
            throw new SealedFormatException("frame index truncated: " + in.remaining() + " of " + length + " bytes");
        }
        if (in.getInt(start + length - 4) != crc(in, start, length - 4)) {
            throw new SealedFormatException("frame index checksum mismatch");
        }
        if (in.get(start + 5) != 0 || in.getShort(start + 6) != 0) {
            throw new SealedFormatException("unknown flags or reserved bits in the frame index");
        }
        long plainLength = in.getLong(start + 8);
        int frames = in.getInt(start + 16);
        int[] plain = new int[frames];
        int[] stored = new int[frames];
        int[] crcs = new int[frames];
        long sum = 0;
        for (int i = 0; i < frames; i++) {
            int at = start + FIXED_LENGTH + i * ENTRY_LENGTH;
            plain[i] = in.getInt(at);
            stored[i] = in.getInt(at + 4);
            crcs[i] = in.getInt(at + 8);
            if (plain[i] < 0
                    || plain[i] > ObjectHeader.MAX_LENGTH
                    || stored[i] <= 0
                    || stored[i] > ObjectHeader.MAX_LENGTH) {
                throw new SealedFormatException("frame " + i + " lengths out of range");
            }
            sum += plain[i];
        }
        if (sum != plainLength) {
            throw new SealedFormatException("frames hold " + sum + " bytes, the index says " + plainLength);
        }
        return new FrameIndex(plainLength, plain, stored, crcs);
    }

    private static void checkPrelude(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < 5) {
            throw new SealedFormatException("object shorter than a sealed object's prelude");
        }
        if (in.getInt(start) != MAGIC) {
            throw new SealedFormatException(String.format(
                    "not a sealed object: magic 0x%08x, expected 0x%08x (\"DFSF\")", in.getInt(start), MAGIC));
        }
        int version = in.get(start + 4) & 0xff;
        if (version != VERSION) {
            throw new SealedFormatException("sealed object format version " + version
                    + " is not supported (this build reads version " + VERSION + ")");
        }
        if (in.remaining() < FIXED_LENGTH) {
            throw new SealedFormatException("object shorter than a sealed object's prelude");
        }
    }

    static int crc(ByteBuffer buf, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(from + length).position(from));
        return (int) crc.getValue();
    }

    /** A malformed frame index; the store reports it as a CORRUPT object. */
    static final class SealedFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SealedFormatException(String message) {
            super(message);
        }
    }
}
