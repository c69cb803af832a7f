package io.dittofs.store.metadata;

/**
 * One piece of a file's content map: bytes {@code [offset, offset + length)} of file {@code
 * fileId} are the whole of chunk {@code chunkId}. A file's extents never overlap; bytes no extent
 * covers read as zeros (holes, and runs of zeros the content layer stores as nothing).
 *
 * @param fileId the file
 * @param offset where the chunk starts in the file
 * @param length the chunk's length in bytes, positive
 * @param chunkId the chunk's name in the {@linkplain ChunkRecord chunk index}
 */
public record ContentExtent(long fileId, long offset, int length, String chunkId) {
    public ContentExtent {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad extent " + offset + "+" + length);
        }
        ChunkRecord.requireId(chunkId);
    }

    /** The offset just past this extent. */
    public long end() {
        return offset + length;
    }
}
