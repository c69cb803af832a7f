package io.dittofs.runtime.content;

import java.time.Duration;

/**
 * Tuning of the content layer.
 *
 * @param blockSize bytes per block in the block store; a power of two from 4 KiB to 16 MiB
 * @param dirtyLimitBytes unstable bytes held in memory, across all files, before writers flush
 * @param flushAfter how long unstable data may stay in memory before a background flush
 */
public record ContentSettings(int blockSize, long dirtyLimitBytes, Duration flushAfter) {
    public static final ContentSettings DEFAULTS = new ContentSettings(1 << 20, 256L << 20, Duration.ofSeconds(5));

    public ContentSettings {
        if (Integer.bitCount(blockSize) != 1 || blockSize < 4096 || blockSize > (16 << 20)) {
            throw new IllegalArgumentException("blockSize must be a power of two in 4 KiB..16 MiB: " + blockSize);
        }
        if (dirtyLimitBytes < blockSize) {
            throw new IllegalArgumentException("dirtyLimitBytes must hold at least one block");
        }
        if (flushAfter.isNegative() || flushAfter.isZero()) {
            throw new IllegalArgumentException("flushAfter must be positive");
        }
    }
}
