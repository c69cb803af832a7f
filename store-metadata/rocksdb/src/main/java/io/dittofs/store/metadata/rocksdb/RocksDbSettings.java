package io.dittofs.store.metadata.rocksdb;

/**
 * Tuning of one {@link RocksDbMetadataStore}. Sizes are bytes; {@link #defaults()} suits a share
 * with up to a few million inodes on a small server.
 *
 * <p>Fixed choices, not settings: levelled compaction with dynamic level sizes; LZ4 on every level
 * but the last, ZSTD on the last (metadata compresses well and the last level holds ~90% of it);
 * bloom filters on every column family; index and filter blocks live in the block cache (so
 * {@link #blockCacheBytes} bounds them too) with level-0's pinned.
 *
 * <p>Memory: at most {@code blockCacheBytes + 5 * maxWriteBuffers * writeBufferBytes} (184 MiB with
 * the defaults, far less while a share is mostly read), per store; each share has its own store.
 *
 * @param blockCacheBytes the one LRU block cache shared by every column family (default 64 MiB)
 * @param writeBufferBytes one memtable of one column family (default 8 MiB); up to {@code
 *     maxWriteBuffers} of them per column family, five column families
 * @param maxWriteBuffers memtables per column family, the active one included (default 3), so a
 *     flush does not stall writes
 * @param maxTotalWalBytes WAL size at which RocksDB flushes the column families that pin the
 *     oldest WAL file (default 256 MiB); bounds recovery time after a crash
 * @param maxBackgroundJobs threads for flushes and compactions together (default 2)
 * @param bloomBitsPerKey bloom filter bits per key (default 10, about 1% false positives)
 */
public record RocksDbSettings(
        long blockCacheBytes,
        long writeBufferBytes,
        int maxWriteBuffers,
        long maxTotalWalBytes,
        int maxBackgroundJobs,
        double bloomBitsPerKey) {

    private static final long MIB = 1024 * 1024;

    public RocksDbSettings {
        requirePositive("blockCacheBytes", blockCacheBytes);
        requirePositive("writeBufferBytes", writeBufferBytes);
        requirePositive("maxTotalWalBytes", maxTotalWalBytes);
        if (maxWriteBuffers < 2) {
            throw new IllegalArgumentException("maxWriteBuffers must be at least 2: " + maxWriteBuffers);
        }
        requirePositive("maxBackgroundJobs", maxBackgroundJobs);
        if (!(bloomBitsPerKey > 0 && bloomBitsPerKey <= 64)) {
            throw new IllegalArgumentException("bloomBitsPerKey must be in (0, 64]: " + bloomBitsPerKey);
        }
    }

    /** The documented defaults. */
    public static RocksDbSettings defaults() {
        return new RocksDbSettings(64 * MIB, 8 * MIB, 3, 256 * MIB, 2, 10);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
