package io.dittofs.runtime.content;

import io.dittofs.store.block.pipeline.chunk.ChunkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
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
 * @param packing which new chunks are packed together into one object, and when a pack is rewritten
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
        long maxLogBytes,
        Packing packing) {

    /**
     * Packing of small chunks: new chunks shorter than {@code below} bytes (plaintext) are gathered
     * into pack objects of about {@code target} bytes, each written with one request, instead of one
     * object each. Garbage collection rewrites a pack whose live bytes fall below {@code
     * repackBelow} of its size (its live chunks copied into a new pack), and deletes a pack once no
     * chunk record points into it.
     *
     * @param below chunks shorter than this are packed; 0 turns packing off
     * @param target bytes at which a pack being gathered is uploaded
     * @param repackBelow live fraction (0 to 1) under which a pack is rewritten; 0 never
     */
    public record Packing(int below, int target, double repackBelow) {
        /** 64 KiB (FastCDC's average chunk; whole small files are one chunk below it), 4 MiB packs, repack under half live. */
        public static final Packing DEFAULT = new Packing(64 << 10, 4 << 20, 0.5);
        /** Every chunk its own object, as before packs. */
        public static final Packing OFF = new Packing(0, 4 << 20, 0);

        public Packing {
            if (below < 0 || target < 1 || repackBelow < 0 || repackBelow > 1) {
                throw new IllegalArgumentException("bad packing settings " + below + "/" + target + "/" + repackBelow);
            }
        }

        boolean packs(int chunkLength) {
            return chunkLength < below;
        }
    }

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
            16L << 30,
            Packing.DEFAULT);

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
        return with(c -> c.localDir = dir);
    }

    public ContentSettings withDurability(Durability d) {
        return with(c -> c.durability = d);
    }

    public ContentSettings withChunking(ChunkerConfig chunker) {
        return with(c -> c.chunking = chunker);
    }

    public ContentSettings withRollup(Duration after, long bytes) {
        return with(c -> {
            c.rollupAfter = after;
            c.rollupBytes = bytes;
        });
    }

    public ContentSettings withUploadConcurrency(int uploads) {
        return with(c -> c.uploadConcurrency = uploads);
    }

    public ContentSettings withUploadRetryFor(Duration d) {
        return with(c -> c.uploadRetryFor = d);
    }

    public ContentSettings withCache(long disk, long memory) {
        return with(c -> {
            c.cacheBytes = disk;
            c.memoryCacheBytes = memory;
        });
    }

    public ContentSettings withMaxLogBytes(long bytes) {
        return with(c -> c.maxLogBytes = bytes);
    }

    public ContentSettings withGc(Duration grace, Duration every) {
        return with(c -> {
            c.gcGrace = grace;
            c.gcEvery = every;
        });
    }

    public ContentSettings withPacking(Packing p) {
        return with(c -> c.packing = p);
    }

    /** A copy with what {@code change} sets changed, checked by the canonical constructor. */
    private ContentSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The settings as fields the with-methods change, so each names only what it changes. */
    private static final class Copy {
        @Nullable
        Path localDir;

        ChunkerConfig chunking;
        Durability durability;
        int lanes;
        long segmentBytes;
        Duration rollupAfter;
        long rollupBytes;
        int uploadConcurrency;
        Duration uploadRetryFor;
        long cacheBytes;
        long memoryCacheBytes;
        Duration gcGrace;
        Duration gcEvery;
        long maxLogBytes;
        Packing packing;

        Copy(ContentSettings s) {
            localDir = s.localDir;
            chunking = s.chunking;
            durability = s.durability;
            lanes = s.lanes;
            segmentBytes = s.segmentBytes;
            rollupAfter = s.rollupAfter;
            rollupBytes = s.rollupBytes;
            uploadConcurrency = s.uploadConcurrency;
            uploadRetryFor = s.uploadRetryFor;
            cacheBytes = s.cacheBytes;
            memoryCacheBytes = s.memoryCacheBytes;
            gcGrace = s.gcGrace;
            gcEvery = s.gcEvery;
            maxLogBytes = s.maxLogBytes;
            packing = s.packing;
        }

        ContentSettings build() {
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
                    maxLogBytes,
                    packing);
        }
    }
}
