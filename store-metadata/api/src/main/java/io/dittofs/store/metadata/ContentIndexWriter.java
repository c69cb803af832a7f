package io.dittofs.store.metadata;

/** Changes of the content map and the chunk index; part of every {@link MetadataWriter}. */
public interface ContentIndexWriter extends ContentIndexReader {

    /** Inserts or replaces the extent of {@code extent.fileId()} at {@code extent.offset()}. */
    void putExtent(ContentExtent extent);

    /** Removes the extent of {@code fileId} starting at {@code offset}; {@code true} when it existed. */
    boolean deleteExtent(long fileId, long offset);

    /** Inserts or replaces the chunk record of {@code chunk.chunkId()}. */
    void putChunk(ChunkRecord chunk);

    /** Removes the chunk record; {@code true} when it existed. */
    boolean deleteChunk(String chunkId);

    /** Inserts or replaces the pack record of {@code pack.packKey()}. */
    void putPack(PackRecord pack);

    /** Removes the pack record; {@code true} when it existed. */
    boolean deletePack(String packKey);
}
