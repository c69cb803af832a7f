package io.dittofs.store.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.metadata.ChunkRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentKeysTest {
    private static final String ID = "ab".repeat(32);

    @Test
    void aChunkRecordWrittenBeforePacksDecodesAsAWholeObject() {
        // The encoding of databases written before packs existed, byte for byte.
        byte[] objectKey = ("s1/c/ab/" + ID + ".19a").getBytes(StandardCharsets.UTF_8);
        byte[] legacy = ByteBuffer.allocate(20 + objectKey.length)
                .putInt(65_536)
                .putLong(3)
                .putLong(0)
                .put(objectKey)
                .array();
        ChunkRecord c = ContentKeys.decodeChunk(ContentKeys.chunk(ID), legacy);
        assertThat(c).isEqualTo(new ChunkRecord(ID, "s1/c/ab/" + ID + ".19a", 65_536, 3, 0));
        assertThat(c.packed()).isFalse();
        assertThat(ContentKeys.chunkValue(c)).isEqualTo(legacy);
    }

    @Test
    void aPackedChunkRecordRoundTripsInTheVersionedEncoding() {
        ChunkRecord c = new ChunkRecord(ID, "s1/p/12/pack", 9000, 1, 0, 4_000_000L, 9050, 0x8000_0001);
        byte[] value = ContentKeys.chunkValue(c);
        assertThat(value[0] & 0xFF).isEqualTo(0x81);
        assertThat(ContentKeys.decodeChunk(ContentKeys.chunk(ID), value)).isEqualTo(c);
    }

    @Test
    void anUnknownNewerEncodingIsRefusedNotMisread() {
        byte[] value = new byte[40];
        value[0] = (byte) 0x82;
        assertThatThrownBy(() -> ContentKeys.decodeChunk(ContentKeys.chunk(ID), value))
                .hasMessageContaining("encoding");
    }
}
