package io.dittofs.store.block.pipeline.compress;

import java.nio.ByteBuffer;

/**
 * One compression algorithm over byte buffers (heap or direct). Stateless and thread-safe.
 *
 * <p>Buffer rules: source buffers are left as they were; {@code compress} and {@code decompress}
 * write at the destination's position and advance it by the bytes written.
 */
public interface Codec {

    Compression algorithm();

    /** The most bytes {@link #compress} can write for {@code length} input bytes. */
    int maxCompressedLength(int length);

    /**
     * Compresses {@code src}'s remaining bytes into {@code dst}, which must have at least {@link
     * #maxCompressedLength} bytes remaining. Returns the number of bytes written.
     */
    int compress(ByteBuffer src, ByteBuffer dst);

    /**
     * Decompresses all of {@code src}'s remaining bytes into {@code dst}, which must have at least
     * {@code originalLength} bytes remaining.
     *
     * @throws CompressionException when {@code src} is corrupt or does not decompress to exactly
     *     {@code originalLength} bytes
     */
    void decompress(ByteBuffer src, ByteBuffer dst, int originalLength);
}
