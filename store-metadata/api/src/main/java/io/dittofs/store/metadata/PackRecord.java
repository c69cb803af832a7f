package io.dittofs.store.metadata;

/**
 * One pack in the chunk index: an object holding several small chunks, with how much of it the
 * index still uses. "Live" means a {@linkplain ChunkRecord chunk record} points into the pack
 * (referenced, or unreferenced but not yet collected); the content layer changes the live counts
 * in the same transaction that creates, deletes or moves those records. A pack whose live count
 * is 0 can be deleted (after a grace period); one that is mostly dead is repacked.
 *
 * @param packKey the block-store key of the pack object
 * @param chunks how many chunks the pack was written with
 * @param bytes the plaintext bytes of those chunks
 * @param liveChunks how many chunk records point into the pack
 * @param liveBytes the plaintext bytes of those chunks
 * @param emptySince when {@code liveChunks} last became 0 (milliseconds since the epoch), 0 while
 *     it is not
 */
public record PackRecord(String packKey, int chunks, long bytes, int liveChunks, long liveBytes, long emptySince) {

    public PackRecord {
        if (packKey.isEmpty()
                || chunks < 0
                || bytes < 0
                || liveChunks < 0
                || liveBytes < 0
                || liveChunks > chunks
                || liveBytes > bytes
                || emptySince < 0) {
            throw new IllegalArgumentException("bad pack record " + packKey + " " + liveChunks + "/" + chunks);
        }
    }

    /** This record with {@code deltaChunks} more live chunks of {@code deltaBytes}, stamping when it empties. */
    public PackRecord withLive(int deltaChunks, long deltaBytes, long nowMillis) {
        int n = liveChunks + deltaChunks;
        return new PackRecord(packKey, chunks, bytes, n, liveBytes + deltaBytes, n == 0 ? nowMillis : 0);
    }

    /** The fraction of the pack's bytes still live, 0 to 1. */
    public double liveFraction() {
        return bytes == 0 ? 0 : (double) liveBytes / bytes;
    }
}
