package io.dittofs.store.block.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.Codec;
import io.dittofs.store.block.pipeline.compress.Codecs;
import io.dittofs.store.block.pipeline.compress.Compression;
import io.dittofs.store.block.pipeline.format.ObjectHeader;
import io.dittofs.store.block.pipeline.hash.Blake3Hashers;
import io.dittofs.store.block.pipeline.hash.ChunkHash;
import io.dittofs.store.block.pipeline.hash.ChunkHasher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkSealerTest {
    @TempDir
    static Path dir;

    static final byte[] SHARE_KEY = new byte[32];
    static final ChunkHasher HASHER = Blake3Hashers.fastest(SHARE_KEY);
    static final byte[] TEXT = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
            .repeat(1200)
            .getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> settings() {
        return Stream.of(Codecs.none(), Codecs.lz4(), Codecs.zstd(3))
                .flatMap(c -> Stream.of(
                        Arguments.of(c, null),
                        Arguments.of(c, AeadAlgorithm.AES_256_GCM),
                        Arguments.of(c, AeadAlgorithm.CHACHA20_POLY1305)));
    }

    static ChunkSealer sealer(Codec codec, @Nullable AeadAlgorithm alg) {
        EnvelopeCipher cipher =
                alg == null ? null : new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("kek")), alg);
        return new ChunkSealer(new ChunkCompressor(codec), cipher, HASHER);
    }

    static byte[] noise(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void sealedChunksOpenToTheSameBytes(Codec codec, @Nullable AeadAlgorithm alg) {
        ChunkSealer s = sealer(codec, alg);
        for (byte[] chunk : new byte[][] {TEXT, noise(65_536), new byte[0]}) {
            ByteBuffer object = s.seal(ByteBuffer.wrap(chunk));
            ChunkHash name = HASHER.hash(ByteBuffer.wrap(chunk));
            assertThat(s.open(object, name)).isEqualTo(ByteBuffer.wrap(chunk));

            ObjectHeader h = ObjectHeader.decode(object.duplicate());
            assertThat(h.originalLength()).isEqualTo(chunk.length);
            assertThat(h.objectLength()).isEqualTo(object.remaining());
            assertThat(h.encryption() == null).isEqualTo(alg == null);
        }
    }

    @Test
    void incompressibleChunksAreRecordedAsStoredRaw() {
        ByteBuffer object = sealer(Codecs.zstd(3), AeadAlgorithm.AES_256_GCM).seal(ByteBuffer.wrap(noise(10_000)));
        assertThat(ObjectHeader.decode(object).compression()).isEqualTo(Compression.NONE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void anyFlippedByteMakesOpeningFail(Codec codec, @Nullable AeadAlgorithm alg) {
        ChunkSealer s = sealer(codec, alg);
        byte[] chunk = TEXT;
        ChunkHash name = HASHER.hash(ByteBuffer.wrap(chunk));
        ByteBuffer object = s.seal(ByteBuffer.wrap(chunk));
        byte[] bytes = new byte[object.remaining()];
        object.get(0, bytes);
        int step = Math.max(1, bytes.length / 400);
        for (int i = 0; i < bytes.length; i += (i < 120 ? 1 : step)) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x04;
            int at = i;
            assertThatThrownBy(() -> s.open(ByteBuffer.wrap(bad), name))
                    .as("flip at %d of %d", at, bytes.length)
                    .isInstanceOf(CorruptObjectException.class);
        }
        assertThatThrownBy(() -> s.open(ByteBuffer.wrap(bytes, 0, bytes.length - 1), name))
                .isInstanceOf(CorruptObjectException.class);
    }

    @Test
    void aChunkThatHashesToAnotherNameIsRejected() {
        ChunkSealer s = sealer(Codecs.lz4(), null);
        ByteBuffer object = s.seal(ByteBuffer.wrap(TEXT));
        ChunkHash other = HASHER.hash(ByteBuffer.wrap(noise(5)));
        assertThatThrownBy(() -> s.open(object, other))
                .isInstanceOf(CorruptObjectException.class)
                .hasMessageContaining("hashes to");
    }

    @Test
    void storedObjectsContainNoRunOf32PlaintextBytes() {
        byte[] plain = TEXT;
        Set<ByteBuffer> runs = new HashSet<>();
        for (int i = 0; i + 32 <= plain.length; i++) {
            runs.add(ByteBuffer.wrap(plain, i, 32));
        }
        for (AeadAlgorithm alg : AeadAlgorithm.values()) {
            for (Codec codec : new Codec[] {Codecs.none(), Codecs.lz4(), Codecs.zstd(3)}) {
                ByteBuffer object = sealer(codec, alg).seal(ByteBuffer.wrap(plain));
                for (int i = 0; i + 32 <= object.remaining(); i++) {
                    assertThat(runs.contains(object.slice(i, 32))).isFalse();
                }
            }
        }
    }
}
