package io.dittofs.store.block.pipeline.chunk;

/**
 * Chunk sizes for FastCDC.
 *
 * <p>Defaults ({@link #DEFAULT}): minimum 16 KiB, average 64 KiB, maximum 256 KiB, normalization
 * level 2. The average is a trade-off: larger chunks mean fewer remote objects, fewer PUT/GET
 * requests and a smaller chunk index (one entry per 64 KiB is ~16 million entries per TiB);
 * smaller chunks dedup better around edits and make a cold 4 KiB read fetch less (one chunk,
 * by a ranged GET, ~64 KiB on average). Level 2 is the paper's recommended normalization: chunk
 * sizes cluster around the average, so few chunks are tiny or hit the maximum.
 *
 * <p>{@code avgSize} is the <em>expected</em> chunk size on random data, not just a mask width:
 * the masks have {@code log2(avg) ± level} bits and the point where the hard mask gives way to
 * the easy one (the paper's "normal size") is derived so that the expected size, minimum skip
 * and maximum cut included, equals {@code avgSize}. A test measures it.
 *
 * @param minSize no chunk is shorter, except the last one of a stream
 * @param avgSize the expected chunk size on random data
 * @param maxSize no chunk is longer: a cut is forced there
 * @param normalization 0 (plain FastCDC) to 3; the harder mask has {@code level} more bits and the
 *     easier one {@code level} fewer than the average's
 */
public record ChunkerConfig(int minSize, int avgSize, int maxSize, int normalization) {
    /** Smallest allowed minimum: below one gear window boundaries stop being content-defined. */
    public static final int MIN_MIN_SIZE = 64;
    /** Largest allowed maximum. */
    public static final int MAX_MAX_SIZE = 64 * 1024 * 1024;

    public static final ChunkerConfig DEFAULT = new ChunkerConfig(16 * 1024, 64 * 1024, 256 * 1024, 2);

    public ChunkerConfig {
        if (minSize < MIN_MIN_SIZE) {
            throw new IllegalArgumentException("minSize must be at least " + MIN_MIN_SIZE + ": " + minSize);
        }
        if (!(minSize < avgSize && avgSize < maxSize)) {
            throw new IllegalArgumentException(
                    "sizes must satisfy min < avg < max: " + minSize + ", " + avgSize + ", " + maxSize);
        }
        if (maxSize > MAX_MAX_SIZE) {
            throw new IllegalArgumentException("maxSize must be at most " + MAX_MAX_SIZE + ": " + maxSize);
        }
        if (normalization < 0 || normalization > 3) {
            throw new IllegalArgumentException("normalization must be 0 to 3: " + normalization);
        }
    }

    /** The defaults with other sizes. */
    public static ChunkerConfig of(int minSize, int avgSize, int maxSize) {
        return new ChunkerConfig(minSize, avgSize, maxSize, DEFAULT.normalization());
    }
}
