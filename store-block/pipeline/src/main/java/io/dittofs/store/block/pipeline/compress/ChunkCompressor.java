package io.dittofs.store.block.pipeline.compress;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Compresses chunks with a configured codec, and stores a chunk raw ({@link Compression#NONE})
 * when compressing it does not save at least 1/32 of its size (~3%): random, encrypted or
 * already-compressed data then costs no decompression on reads, and never grows. Reads use the
 * algorithm recorded with each object, whatever the current setting.
 *
 * <p>Thread-safe.
 */
public final class ChunkCompressor {
    private final Codec codec;
    private final Map<Compression, Codec> decoders = new EnumMap<>(Compression.class);

    public ChunkCompressor(Codec codec) {
        this.codec = codec;
        for (Compression c : Compression.values()) {
            decoders.put(c, c == codec.algorithm() ? codec : Codecs.of(c));
        }
    }

    /** A chunk as stored: the algorithm used and the stored bytes. */
    public record Compressed(Compression algorithm, ByteBuffer data) {}

    public Codec codec() {
        return codec;
    }

    /**
     * The stored form of {@code chunk}'s remaining bytes. When stored raw, {@code data} is a view
     * of {@code chunk} (no copy; not read-only so that array fast paths apply, and not to be
     * modified); otherwise a new heap buffer. {@code chunk} is left as it was.
     */
    public Compressed compress(ByteBuffer chunk) {
        int length = chunk.remaining();
        if (codec.algorithm() == Compression.NONE || length == 0) {
            return raw(chunk);
        }
        int worthIt = length - Math.max(1, length >>> 5);
        ByteBuffer out = ByteBuffer.allocate(codec.maxCompressedLength(length));
        int n = codec.compress(chunk, out);
        if (n > worthIt) {
            return raw(chunk);
        }
        return new Compressed(codec.algorithm(), out.flip());
    }

    /** The original bytes of a stored chunk; {@code stored} is left as it was. */
    public ByteBuffer decompress(Compression algorithm, ByteBuffer stored, int originalLength) {
        if (algorithm == Compression.NONE) {
            if (stored.remaining() != originalLength) {
                throw new CompressionException(
                        "stored length " + stored.remaining() + " differs from original length " + originalLength);
            }
            return stored.asReadOnlyBuffer();
        }
        // One spare byte lets codecs detect streams that decode to more than expected.
        ByteBuffer out = ByteBuffer.allocate(originalLength + 1);
        decoders.get(algorithm).decompress(stored, out, originalLength);
        return out.flip().slice();
    }

    private static Compressed raw(ByteBuffer chunk) {
        return new Compressed(Compression.NONE, chunk.slice());
    }
}
