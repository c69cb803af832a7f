package io.dittofs.store.metadata;

/**
 * One entry of the chunk index: a stored chunk, where it is stored and how many {@linkplain
 * ContentExtent extents} refer to it. The store keeps the record; the content layer keeps the
 * count right by changing it in the same transaction as the extents.
 *
 * <p>A chunk is either the whole of its object ({@code storedLength == 0}; every record written
 * before packs existed) or one piece of a {@linkplain PackRecord pack}: the stored bytes {@code
 * [objectOffset, objectOffset + storedLength)} of the object, which a cold read fetches alone with
 * one ranged read. When the pack is sealed, those bytes are one sealed frame whose CRC-32C is
 * {@code frameCrc}.
 *
 * @param chunkId the chunk's name (the content layer uses 64 hex digits of its keyed BLAKE3 hash);
 *     1 to 128 characters of {@code [0-9a-z]}
 * @param objectKey the block-store key of the object holding the chunk
 * @param length the chunk's length in bytes
 * @param refCount how many extents refer to the chunk; 0 once none does (the chunk then waits
 *     for garbage collection)
 * @param unreferencedSince when {@code refCount} last dropped to 0 (milliseconds since the epoch);
 *     0 while it is referenced
 * @param objectOffset where the chunk's stored bytes start in a pack; 0 for a whole object
 * @param storedLength how many stored bytes the chunk takes in a pack; 0 for a whole object
 * @param frameCrc CRC-32C of the chunk's sealed frame in a sealed pack; 0 otherwise
 */
public record ChunkRecord(
        String chunkId,
        String objectKey,
        int length,
        long refCount,
        long unreferencedSince,
        long objectOffset,
        int storedLength,
        int frameCrc) {
    public static final int MAX_ID_LENGTH = 128;

    public ChunkRecord {
        requireId(chunkId);
        if (objectKey.isEmpty()
                || length < 0
                || refCount < 0
                || unreferencedSince < 0
                || objectOffset < 0
                || storedLength < 0
                || (storedLength == 0 && (objectOffset != 0 || frameCrc != 0))) {
            throw new IllegalArgumentException("bad chunk record " + chunkId);
        }
    }

    /** A chunk that is a whole object of its own. */
    public ChunkRecord(String chunkId, String objectKey, int length, long refCount, long unreferencedSince) {
        this(chunkId, objectKey, length, refCount, unreferencedSince, 0, 0, 0);
    }

    /** Whether the chunk is a piece of a pack rather than a whole object. */
    public boolean packed() {
        return storedLength > 0;
    }

    /** This record with {@code delta} more references, stamping {@code nowMillis} when it drops to 0. */
    public ChunkRecord withReferences(long delta, long nowMillis) {
        long n = refCount + delta;
        if (n < 0) {
            throw new IllegalStateException("chunk " + chunkId + " would have " + n + " references");
        }
        return new ChunkRecord(
                chunkId, objectKey, length, n, n == 0 ? nowMillis : 0, objectOffset, storedLength, frameCrc);
    }

    /** This record, its references unchanged, stored at another place (a repacked chunk). */
    public ChunkRecord movedTo(String newObjectKey, long newOffset, int newStoredLength, int newFrameCrc) {
        return new ChunkRecord(
                chunkId, newObjectKey, length, refCount, unreferencedSince, newOffset, newStoredLength, newFrameCrc);
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
