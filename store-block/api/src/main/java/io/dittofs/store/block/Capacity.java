package io.dittofs.store.block;

/**
 * Space of a block store in bytes. Stores without a fixed size (memory, object stores) report
 * {@link #UNBOUNDED}.
 */
public record Capacity(long totalBytes, long availableBytes) {
    /** What a store with no practical limit reports: 1 PiB total, all of it available. */
    public static final Capacity UNBOUNDED = new Capacity(1L << 50, 1L << 50);

    public Capacity {
        if (totalBytes < 0 || availableBytes < 0 || availableBytes > totalBytes) {
            throw new IllegalArgumentException("bad capacity " + totalBytes + "/" + availableBytes);
        }
    }
}
