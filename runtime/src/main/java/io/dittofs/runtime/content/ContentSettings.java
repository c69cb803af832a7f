package io.dittofs.runtime.content;

import io.dittofs.store.block.pipeline.chunk.ChunkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Tuning of the block pipeline of one share.
 *
 * @param localDir the share's local tier (write log, chunk cache, chunk-naming key); null for a
 *     temporary folder deleted at close (tests, memory shares)
 * @param chunking FastCDC sizes (default 16/64/256 KiB)
 * @param durability what COMMIT, FILE_SYNC and SMB FLUSH wait for
 * @param lanes write logs per share; a file always uses the same one, so appends of different
 *     files contend only when they share a lane
 * @param segmentBytes size at which a write log moves on to a new segment file
 * @param rollupAfter how long a file's logged changes wait before the background rollup takes them
 * @param rollupBytes logged bytes of one file that make it eligible for rollup at once
 * @param uploadConcurrency objects uploaded at once per share
 * @param uploadRetryFor how long an upload is retried before the rollup gives up (and is retried later)
 * @param cacheBytes size limit of the local chunk cache on disk
 * @param memoryCacheBytes recently read chunks kept in memory
 * @param gcGrace how long a chunk nothing refers to stays before garbage collection deletes it
 * @param gcEvery how often the background garbage collection runs
 * @param maxLogBytes write log size past which new writes are refused with TRY_LATER (NFS
 *     JUKEBOX) until the syncer has drained some: the bound on the local tier's disk (and on the
 *     in-memory index of logged ranges) while the remote is slow or down
 */
public record ContentSettings(
        @Nullable Path localDir,
        ChunkerConfig chunking,
        Durability durability,
        int lanes,
        long segmentBytes,
        Duration rollupAfter,
        long rollupBytes,
        int uploadConcurrency,
        Duration uploadRetryFor,
        long cacheBytes,
        long memoryCacheBytes,
        Duration gcGrace,
        Duration gcEvery,
        long maxLogBytes) {

    /** What COMMIT / FILE_SYNC / FLUSH wait for. */
    public enum Durability {
        /** The data is on the local tier's disk (the write log, fsynced). The default. */
        LOCAL,
        /** The data is in the remote block store and the content map points at it. */
        REMOTE
    }

    public static final ContentSettings DEFAULTS = new ContentSettings(
            null,
            ChunkerConfig.DEFAULT,
            Durability.LOCAL,
            4,
            64L << 20,
            Duration.ofSeconds(2),
            64L << 20,
            8,
            Duration.ofSeconds(30),
            1L << 30,
            64L << 20,
            Duration.ofMinutes(10),
            Duration.ofMinutes(5),
            16L << 30);

    public ContentSettings {
        if (lanes < 1 || lanes > 64) {
            throw new IllegalArgumentException("lanes must be 1..64: " + lanes);
        }
        if (segmentBytes < (4L << 20)) {
            throw new IllegalArgumentException("segmentBytes must be at least 4 MiB: " + segmentBytes);
        }
        if (uploadConcurrency < 1) {
            throw new IllegalArgumentException("uploadConcurrency must be positive");
        }
        if (rollupAfter.isNegative() || gcGrace.isNegative() || !gcEvery.isPositive() || !uploadRetryFor.isPositive()) {
            throw new IllegalArgumentException("bad durations in content settings");
        }
        if (cacheBytes < 0 || memoryCacheBytes < 0 || rollupBytes < 1 || maxLogBytes < segmentBytes) {
            throw new IllegalArgumentException("bad sizes in content settings");
        }
    }

    public ContentSettings withLocalDir(@Nullable Path dir) {
        return new ContentSettings(
                dir,
                chunking,
                durability,
                lanes,
                segmentBytes,
                rollupAfter,
                rollupBytes,
                uploadConcurrency,
                uploadRetryFor,
                cacheBytes,
                memoryCacheBytes,
                gcGrace,
                gcEvery,
                maxLogBytes);
    }

    public ContentSettings withDurability(Durability d) {
        return new ContentSettings(
                localDir,
                chunking,
                d,
                lanes,
                segmentBytes,
                rollupAfter,
                rollupBytes,
                uploadConcurrency,
                uploadRetryFor,
                cacheBytes,
                memoryCacheBytes,
                gcGrace,
                gcEvery,
                maxLogBytes);
    }

    public ContentSettings withChunking(ChunkerConfig c) {
        return new ContentSettings(
                localDir,
                c,
                durability,
                lanes,
                segmentBytes,
                rollupAfter,
                rollupBytes,
                uploadConcurrency,
                uploadRetryFor,
                cacheBytes,
                memoryCacheBytes,
                gcGrace,
                gcEvery,
                maxLogBytes);
    }

    public ContentSettings withRollup(Duration after, long bytes) {
        return new ContentSettings(
                localDir,
                chunking,
                durability,
                lanes,
                segmentBytes,
                after,
                bytes,
                uploadConcurrency,
                uploadRetryFor,
                cacheBytes,
                memoryCacheBytes,
                gcGrace,
                gcEvery,
                maxLogBytes);
    }

    public ContentSettings withUploadRetryFor(Duration d) {
        return new ContentSettings(
                localDir,
                chunking,
                durability,
                lanes,
                segmentBytes,
                rollupAfter,
                rollupBytes,
                uploadConcurrency,
                d,
                cacheBytes,
                memoryCacheBytes,
                gcGrace,
                gcEvery,
                maxLogBytes);
    }

    public ContentSettings withCache(long disk, long memory) {
        return new ContentSettings(
                localDir,
                chunking,
                durability,
                lanes,
                segmentBytes,
                rollupAfter,
                rollupBytes,
                uploadConcurrency,
                uploadRetryFor,
                disk,
                memory,
                gcGrace,
                gcEvery,
                maxLogBytes);
    }

    public ContentSettings withMaxLogBytes(long bytes) {
        return new ContentSettings(
                localDir,
                chunking,
                durability,
                lanes,
                segmentBytes,
                rollupAfter,
                rollupBytes,
                uploadConcurrency,
                uploadRetryFor,
                cacheBytes,
                memoryCacheBytes,
                gcGrace,
                gcEvery,
                bytes);
    }

    public ContentSettings withGc(Duration grace, Duration every) {
        return new ContentSettings(
                localDir,
                chunking,
                durability,
                lanes,
                segmentBytes,
                rollupAfter,
                rollupBytes,
                uploadConcurrency,
                uploadRetryFor,
                cacheBytes,
                memoryCacheBytes,
                grace,
                every,
                maxLogBytes);
    }
}
