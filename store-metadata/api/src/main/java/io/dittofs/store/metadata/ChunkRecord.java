package io.dittofs.store.metadata;

/**
 * One entry of the chunk index: a stored chunk, the object that holds it and how many {@linkplain
 * ContentExtent extents} refer to it. The store keeps the record; the content layer keeps the
 * count right by changing it in the same transaction as the extents.
 *
 * @param chunkId the chunk's name (the content layer uses 64 hex digits of its keyed BLAKE3 hash);
 *     1 to 128 characters of {@code [0-9a-z]}
 * @param objectKey the block-store key of the object holding the chunk
 * @param length the chunk's length in bytes
 * @param refCount how many extents refer to the chunk; 0 once none does (the chunk then waits
 *     for garbage collection)
 * @param unreferencedSince when {@code refCount} last dropped to 0 (milliseconds since the epoch);
 *     0 while it is referenced
 */
public record ChunkRecord(String chunkId, String objectKey, int length, long refCount, long unreferencedSince) {
    public static final int MAX_ID_LENGTH = 128;

    public ChunkRecord {
        requireId(chunkId);
        if (objectKey.isEmpty() || length < 0 || refCount < 0 || unreferencedSince < 0) {
            throw new IllegalArgumentException("bad chunk record " + chunkId);
        }
    }

    /** This record with {@code delta} more references, stamping {@code nowMillis} when it drops to 0. */
    public ChunkRecord withReferences(long delta, long nowMillis) {
        long n = refCount + delta;
        if (n < 0) {
            throw new IllegalStateException("chunk " + chunkId + " would have " + n + " references");
        }
        return new ChunkRecord(chunkId, objectKey, length, n, n == 0 ? nowMillis : 0);
    }

    static String requireId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("bad chunk id length: " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
                throw new IllegalArgumentException("bad chunk id: " + id);
            }
        }
        return id;
    }
}
