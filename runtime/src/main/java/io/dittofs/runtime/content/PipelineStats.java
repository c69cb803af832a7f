package io.dittofs.runtime.content;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a share's block pipeline, for tests and the status endpoint. Thread-safe. */
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

    public long rolledBytes() {
        return rolledBytes.get();
    }

    public long uploadedBytes() {
        return uploadedBytes.get();
    }

    public long chunks() {
        return chunks.get();
    }

    public long uploadedChunks() {
        return uploadedChunks.get();
    }

    public long rollups() {
        return rollups.get();
    }

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
}
