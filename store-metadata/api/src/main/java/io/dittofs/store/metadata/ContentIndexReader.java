package io.dittofs.store.metadata;

import java.util.List;
import java.util.Optional;

/** Reads of the content map (file extents) and the chunk index; part of every {@link MetadataReader}. */
public interface ContentIndexReader {

    /**
     * Up to {@code limit} extents of {@code fileId} that end after {@code fromOffset} (so the first
     * may start before it), in ascending offset order.
     */
    List<ContentExtent> extents(long fileId, long fromOffset, int limit);

    /** The chunk index entry of {@code chunkId}, or empty. */
    Optional<ChunkRecord> chunk(String chunkId);

    /**
     * Up to {@code limit} chunk records with an id greater than {@code afterChunkId} (empty string:
     * from the start), in ascending id order: a scan for garbage collection and fsck.
     */
    List<ChunkRecord> chunks(String afterChunkId, int limit);

    /** The pack record of the object {@code packKey}, or empty. */
    Optional<PackRecord> pack(String packKey);

    /**
     * Up to {@code limit} pack records with a key greater than {@code afterPackKey} (empty string:
     * from the start), in ascending key order (UTF-16 code unit order, which for the ASCII keys the
     * content layer makes is byte order).
     */
    List<PackRecord> packs(String afterPackKey, int limit);
}
