package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.PackRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys and values of the content map and chunk index, kept in the {@link Cf#META} family under
 * their own tags so no column family is added to existing databases:
 *
 * <ul>
 *   <li>{@code 0x20|fileId|offset} → {@code length(4)|chunkId UTF-8}: one extent;
 *   <li>{@code 0x21|chunkId UTF-8} → one chunk record, in one of two encodings told apart by the
 *       first byte: a chunk that is a whole object (every record written before packs) {@code
 *       length(4)|refCount(8)|unreferencedSince(8)|objectKey UTF-8}, whose first byte is below
 *       0x80 as the length is never negative; a chunk in a pack {@code 0x81|length(4)|refCount(8)|
 *       unreferencedSince(8)|objectOffset(8)|storedLength(4)|frameCrc(4)|objectKey UTF-8}. A
 *       newer encoding would take another first byte of 0x80 or more.
 *   <li>{@code 0x22|packKey UTF-8} → {@code chunks(4)|bytes(8)|liveChunks(4)|liveBytes(8)|
 *       emptySince(8)}: one pack record.
 * </ul>
 */
final class ContentKeys {
    static final byte EXTENT_TAG = 0x20;
    static final byte CHUNK_TAG = 0x21;
    static final byte PACK_TAG = 0x22;
    /** First byte of a packed chunk's record (version 1 of the versioned encoding). */
    private static final byte PACKED_CHUNK_V1 = (byte) 0x81;

    private static final int WHOLE_HEADER = 20;
    private static final int PACKED_HEADER = 1 + 20 + 16;

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
        if (!c.packed()) {
            return ByteBuffer.allocate(WHOLE_HEADER + key.length)
                    .putInt(c.length())
                    .putLong(c.refCount())
                    .putLong(c.unreferencedSince())
                    .put(key)
                    .array();
        }
        return ByteBuffer.allocate(PACKED_HEADER + key.length)
                .put(PACKED_CHUNK_V1)
                .putInt(c.length())
                .putLong(c.refCount())
                .putLong(c.unreferencedSince())
                .putLong(c.objectOffset())
                .putInt(c.storedLength())
                .putInt(c.frameCrc())
                .put(key)
                .array();
    }

    static ChunkRecord decodeChunk(byte[] key, byte[] value) {
        String id = new String(key, 1, key.length - 1, StandardCharsets.US_ASCII);
        ByteBuffer v = ByteBuffer.wrap(value);
        if (value[0] >= 0) {
            int length = v.getInt();
            long refs = v.getLong();
            long since = v.getLong();
            return new ChunkRecord(
                    id,
                    new String(value, WHOLE_HEADER, value.length - WHOLE_HEADER, StandardCharsets.UTF_8),
                    length,
                    refs,
                    since);
        }
        if (value[0] != PACKED_CHUNK_V1) {
            throw new IllegalStateException(
                    "chunk record " + id + " has an encoding this DittoFS does not know: " + (value[0] & 0xFF));
        }
        v.get();
        int length = v.getInt();
        long refs = v.getLong();
        long since = v.getLong();
        long offset = v.getLong();
        int stored = v.getInt();
        int crc = v.getInt();
        String objectKey = new String(value, PACKED_HEADER, value.length - PACKED_HEADER, StandardCharsets.UTF_8);
        return new ChunkRecord(id, objectKey, length, refs, since, offset, stored, crc);
    }

    static byte[] pack(String packKey) {
        byte[] k = packKey.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[1 + k.length];
        b[0] = PACK_TAG;
        System.arraycopy(k, 0, b, 1, k.length);
        return b;
    }

    static byte[] packValue(PackRecord p) {
        return ByteBuffer.allocate(32)
                .putInt(p.chunks())
                .putLong(p.bytes())
                .putInt(p.liveChunks())
                .putLong(p.liveBytes())
                .putLong(p.emptySince())
                .array();
    }

    static PackRecord decodePack(byte[] key, byte[] value) {
        ByteBuffer v = ByteBuffer.wrap(value);
        return new PackRecord(
                new String(key, 1, key.length - 1, StandardCharsets.UTF_8),
                v.getInt(),
                v.getLong(),
                v.getInt(),
                v.getLong(),
                v.getLong());
    }
}
