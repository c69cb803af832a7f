package io.dittofs.store.block.pipeline.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.KeyEnvelope;
import io.dittofs.store.block.pipeline.compress.Compression;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ObjectHeaderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final KeyEnvelope ENVELOPE = new KeyEnvelope(
            AeadAlgorithm.CHACHA20_POLY1305,
            "k1",
            HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7"),
            HEX.parseHex("0102030405060708090a0b0c"));

    private static String withCrc(String hexWithoutCrc) {
        byte[] b = HEX.parseHex(hexWithoutCrc);
        CRC32C crc = new CRC32C();
        crc.update(b);
        return hexWithoutCrc + String.format("%08x", crc.getValue());
    }

    @Test
    void unencryptedHeaderEncodesToGoldenBytes() {
        ObjectHeader h = new ObjectHeader(Compression.ZSTD, null, 65536, 1234, 0x01020304);
        String golden = "4446534f" // magic "DFSO"
                + "01" // version
                + "01" // compression: zstd
                + "00" // encryption: none
                + "00" // flags
                + "001e" // header length 30
                + "00" + "00" + "00" + "00" // key id, nonce, wrapped key lengths; reserved
                + "00010000" // original length 65536
                + "000004d2" // stored length 1234
                + "01020304"; // payload CRC-32C
        assertThat(HEX.formatHex(h.encode())).isEqualTo(withCrc(golden));
        assertThat(HEX.formatHex(h.encode())).isEqualTo(GOLDEN_UNENCRYPTED);
        assertThat(h.length()).isEqualTo(30);
        assertThat(ObjectHeader.decode(ByteBuffer.wrap(h.encode()))).isEqualTo(h);
    }

    @Test
    void encryptedHeaderEncodesToGoldenBytes() {
        ObjectHeader h = new ObjectHeader(Compression.LZ4, ENVELOPE, 100, 80, 0);
        String golden = "4446534f" + "01" + "02" + "02" + "00"
                + "0054" // header length 26 + 2 + 12 + 40 + 4 = 84
                + "02" + "0c" + "28" + "00"
                + "00000064" // original 100
                + "00000050" // stored 80
                + "00000000" // no payload CRC: the AEAD tag covers the payload
                + "6b31" // key id "k1"
                + "0102030405060708090a0b0c"
                + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7";
        assertThat(HEX.formatHex(h.encode())).isEqualTo(withCrc(golden));
        ByteBuffer in = ByteBuffer.allocate(95).put(h.encode()).flip();
        assertThat(ObjectHeader.decode(in)).isEqualTo(h);
        assertThat(in.position()).isEqualTo(84);
    }

    @Test
    void badMagicIsRejected() {
        byte[] b = new ObjectHeader(Compression.NONE, null, 1, 1, 0).encode();
        b[0] = 'X';
        assertKind(b, ObjectFormatException.Kind.BAD_MAGIC, "bad magic");
    }

    @Test
    void unknownVersionIsRejectedAsUnsupported() {
        byte[] b = new ObjectHeader(Compression.NONE, null, 1, 1, 0).encode();
        b[4] = 2;
        assertKind(b, ObjectFormatException.Kind.UNSUPPORTED_VERSION, "version 2 is not supported");
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] full = new ObjectHeader(Compression.LZ4, ENVELOPE, 100, 80, 0).encode();
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            assertKind(cut, ObjectFormatException.Kind.TRUNCATED, "");
        }
    }

    @Test
    void anyFlippedByteIsDetected() {
        byte[] full = new ObjectHeader(Compression.LZ4, ENVELOPE, 100, 80, 0).encode();
        for (int i = 0; i < full.length; i++) {
            byte[] b = full.clone();
            b[i] ^= 0x10;
            int at = i;
            assertThatThrownBy(() -> ObjectHeader.decode(ByteBuffer.wrap(b)))
                    .as("flip at %d", at)
                    .isInstanceOf(ObjectFormatException.class);
        }
    }

    @Test
    void unknownAlgorithmIdsAreCorruptEvenWithAValidChecksum() {
        String prefix =
                "4446534f" + "01" + "07" + "00" + "00" + "001e" + "00000000" + "00000001" + "00000001" + "00000000";
        assertKind(HEX.parseHex(withCrc(prefix)), ObjectFormatException.Kind.CORRUPT, "unknown compression id 7");
        String enc =
                "4446534f" + "01" + "00" + "09" + "00" + "001e" + "00000000" + "00000001" + "00000001" + "00000000";
        assertKind(HEX.parseHex(withCrc(enc)), ObjectFormatException.Kind.CORRUPT, "");
    }

    @Test
    void decodeLeavesThePositionWhenItFails() {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {'D', 'F', 'S', 'O', 1, 0});
        assertThatThrownBy(() -> ObjectHeader.decode(in)).isInstanceOf(ObjectFormatException.class);
        assertThat(in.position()).isZero();
    }

    private static void assertKind(byte[] bytes, ObjectFormatException.Kind kind, String message) {
        assertThatThrownBy(() -> ObjectHeader.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOfSatisfying(
                        ObjectFormatException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message);
    }

    private static final String GOLDEN_UNENCRYPTED = "4446534f01010000001e0000000000010000000004d201020304a2f8d71c";
}
