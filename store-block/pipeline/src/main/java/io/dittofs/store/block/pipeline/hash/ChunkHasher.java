package io.dittofs.store.block.pipeline.hash;

import java.nio.ByteBuffer;

/**
 * Names a chunk: BLAKE3 (keyed or not, fixed when the hasher is made) of a buffer's remaining
 * bytes. Every implementation gives the same hash for the same key and bytes, checked against
 * the official test vectors and {@code b3sum}.
 *
 * <p>Thread-safe: one hasher serves many threads at once.
 */
public interface ChunkHasher {

    /** Which implementation this is, for logs and benchmarks ({@code "blake3-java"}, ...). */
    String name();

    /**
     * The hash of {@code data} from its position to its limit. The buffer (heap or direct,
     * read-only or not) is left as it was: position, limit and mark unchanged.
     */
    ChunkHash hash(ByteBuffer data);
}
