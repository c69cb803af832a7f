package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys and values of the content map and chunk index, kept in the {@link Cf#META} family under
 * their own tags so no column family is added to existing databases:
 *
 * <ul>
 *   <li>{@code 0x20|fileId|offset} → {@code length(4)|chunkId UTF-8}: one extent;
 *   <li>{@code 0x21|chunkId UTF-8} → {@code length(4)|refCount(8)|unreferencedSince(8)|objectKey
 *       UTF-8}: one chunk record.
 * </ul>
 */
final class ContentKeys {
    static final byte EXTENT_TAG = 0x20;
    static final byte CHUNK_TAG = 0x21;

    private ContentKeys() {}

    static byte[] extentPrefix(long fileId) {
        byte[] b = new byte[1 + Keys.ID];
        b[0] = EXTENT_TAG;
        Keys.putLong(b, 1, fileId);
        return b;
    }

    static byte[] extent(long fileId, long offset) {
        byte[] b = new byte[1 + 2 * Keys.ID];
        b[0] = EXTENT_TAG;
        Keys.putLong(b, 1, fileId);
        Keys.putLong(b, 1 + Keys.ID, offset);
        return b;
    }

    static byte[] extentValue(ContentExtent e) {
        byte[] id = e.chunkId().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + id.length).putInt(e.length()).put(id).array();
    }

    static ContentExtent decodeExtent(byte[] key, byte[] value) {
        long fileId = Keys.getLong(key, 1);
        long offset = Keys.getLong(key, 1 + Keys.ID);
        ByteBuffer v = ByteBuffer.wrap(value);
        int length = v.getInt();
        return new ContentExtent(
                fileId, offset, length, new String(value, 4, value.length - 4, StandardCharsets.US_ASCII));
    }

    static byte[] chunk(String chunkId) {
        byte[] id = chunkId.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[1 + id.length];
        b[0] = CHUNK_TAG;
        System.arraycopy(id, 0, b, 1, id.length);
        return b;
    }

    static byte[] chunkValue(ChunkRecord c) {
        byte[] key = c.objectKey().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(20 + key.length)
                .putInt(c.length())
                .putLong(c.refCount())
                .putLong(c.unreferencedSince())
                .put(key)
                .array();
    }

    static ChunkRecord decodeChunk(byte[] key, byte[] value) {
        String id = new String(key, 1, key.length - 1, StandardCharsets.US_ASCII);
        ByteBuffer v = ByteBuffer.wrap(value);
        int length = v.getInt();
        long refs = v.getLong();
        long since = v.getLong();
        return new ChunkRecord(
                id, new String(value, 20, value.length - 20, StandardCharsets.UTF_8), length, refs, since);
    }
}
