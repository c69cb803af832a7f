package io.dittofs.runtime.content;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a share's block pipeline since it opened, for tests, {@code /metrics} and the status
 * endpoint (the server reads them; the runtime names no metrics library). Each only grows; the
 * levels (log bytes, files waiting, cache size) are {@link ContentStore}'s own methods.
 * Thread-safe.
 */
public final class PipelineStats {
    final AtomicLong rolledBytes = new AtomicLong();
    final AtomicLong uploadedBytes = new AtomicLong();
    final AtomicLong chunks = new AtomicLong();
    final AtomicLong uploadedChunks = new AtomicLong();
    final AtomicLong rollups = new AtomicLong();
    final AtomicLong failedRollups = new AtomicLong();
    final AtomicLong uploadedObjects = new AtomicLong();
    final AtomicLong uploadedPacks = new AtomicLong();
    final AtomicLong repackedPacks = new AtomicLong();
    final AtomicLong uploadRetries = new AtomicLong();
    final AtomicLong uploadFailures = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong cacheMisses = new AtomicLong();
    final AtomicLong cacheEvictions = new AtomicLong();
    final AtomicLong fetchedBytes = new AtomicLong();
    final AtomicLong gcDeletedChunks = new AtomicLong();
    final AtomicLong gcDeletedBytes = new AtomicLong();

    /** Bytes of file content rolled up (holes included). */
    public long rolledBytes() {
        return rolledBytes.get();
    }

    /** Bytes of new chunks uploaded to the remote (before the sealed remote compresses them). */
    public long uploadedBytes() {
        return uploadedBytes.get();
    }

    /** Chunks the rollups produced (holes left out), new or not. */
    public long chunks() {
        return chunks.get();
    }

    /** Chunks uploaded: the ones the chunk index did not have yet. */
    public long uploadedChunks() {
        return uploadedChunks.get();
    }

    /** Dedup hits: chunks the rollups produced that the remote already held (or one rollup made twice). */
    public long dedupChunks() {
        return chunks.get() - uploadedChunks.get();
    }

    public long rollups() {
        return rollups.get();
    }

    /** Rollups that failed (remote down, chunk gone under them); each is tried again later. */
    public long failedRollups() {
        return failedRollups.get();
    }

    /** Objects rollups uploaded: whole chunks and packs (each one PUT, or one multipart upload). */
    public long uploadedObjects() {
        return uploadedObjects.get();
    }

    /** Packs of small chunks rollups uploaded. */
    public long uploadedPacks() {
        return uploadedPacks.get();
    }

    /** Packs garbage collection rewrote because too little of them was live. */
    public long repackedPacks() {
        return repackedPacks.get();
    }

    /** Object uploads that failed and were tried again. */
    public long uploadRetries() {
        return uploadRetries.get();
    }

    /** Object uploads given up after retrying (their rollup fails and is tried again later). */
    public long uploadFailures() {
        return uploadFailures.get();
    }

    /** Chunk reads served by the local cache (memory or disk). */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** Chunk reads that went to the remote. */
    public long cacheMisses() {
        return cacheMisses.get();
    }

    /** Chunks the disk cache dropped to stay under its size. */
    public long cacheEvictions() {
        return cacheEvictions.get();
    }

    /** Bytes of chunks fetched from the remote (as the remote hands them up, so unsealed). */
    public long fetchedBytes() {
        return fetchedBytes.get();
    }

    /** Chunks garbage collection deleted. */
    public long gcDeletedChunks() {
        return gcDeletedChunks.get();
    }

    public long gcDeletedBytes() {
        return gcDeletedBytes.get();
    }
}
