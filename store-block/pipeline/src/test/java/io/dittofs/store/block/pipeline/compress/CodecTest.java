package io.dittofs.store.block.pipeline.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecTest {
    static final byte[] TEXT =
            "the quick brown fox jumps over the lazy dog; ".repeat(2000).getBytes(StandardCharsets.US_ASCII);

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static Stream<Arguments> codecsAndBufferKinds() {
        return Stream.of(Codecs.none(), Codecs.lz4(), Codecs.zstd(1), Codecs.zstd(3), Codecs.zstd(19), Codecs.zstd(-3))
                .flatMap(c -> Stream.of(
                        Arguments.of(c, false, false),
                        Arguments.of(c, true, true),
                        Arguments.of(c, true, false),
                        Arguments.of(c, false, true)));
    }

    static ByteBuffer buffer(byte[] b, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(b.length).put(b).flip() : ByteBuffer.wrap(b);
    }

    @ParameterizedTest(name = "{0} srcDirect={1} dstDirect={2}")
    @MethodSource("codecsAndBufferKinds")
    void roundTripsOnHeapAndDirectBuffers(Codec codec, boolean srcDirect, boolean dstDirect) {
        for (byte[] input : new byte[][] {TEXT, random(70_000), new byte[0], new byte[] {1}}) {
            ByteBuffer src = buffer(input, srcDirect);
            ByteBuffer dst = dstDirect
                    ? ByteBuffer.allocateDirect(codec.maxCompressedLength(input.length) + 3)
                            .position(3)
                    : ByteBuffer.allocate(codec.maxCompressedLength(input.length) + 3)
                            .position(3);
            int n = codec.compress(src, dst);
            assertThat(src.remaining()).isEqualTo(input.length);
            assertThat(dst.position()).isEqualTo(3 + n);

            ByteBuffer stored = buffer(new byte[n], srcDirect);
            stored.put(0, dst, 3, n);
            ByteBuffer back = dstDirect ? ByteBuffer.allocateDirect(input.length) : ByteBuffer.allocate(input.length);
            codec.decompress(stored, back, input.length);
            assertThat(back.flip()).isEqualTo(ByteBuffer.wrap(input));
        }
    }

    @Test
    void compressibleChunksAreCompressedAndTheCodecIsRecorded() {
        for (Codec c : new Codec[] {Codecs.zstd(3), Codecs.lz4()}) {
            ChunkCompressor cc = new ChunkCompressor(c);
            ChunkCompressor.Compressed out = cc.compress(ByteBuffer.wrap(TEXT));
            assertThat(out.algorithm()).isEqualTo(c.algorithm());
            assertThat(out.data().remaining()).isLessThan(TEXT.length / 10);
            // Any compressor reads it back by the recorded algorithm, whatever its own setting.
            assertThat(new ChunkCompressor(Codecs.none()).decompress(out.algorithm(), out.data(), TEXT.length))
                    .isEqualTo(ByteBuffer.wrap(TEXT));
        }
    }

    @Test
    void incompressibleChunksAreStoredRaw() {
        byte[] noise = random(65_536);
        for (Codec c : new Codec[] {Codecs.zstd(3), Codecs.zstd(19), Codecs.lz4()}) {
            ChunkCompressor.Compressed out = new ChunkCompressor(c).compress(ByteBuffer.wrap(noise));
            assertThat(out.algorithm()).isEqualTo(Compression.NONE);
            assertThat(out.data()).isEqualTo(ByteBuffer.wrap(noise));
        }
    }

    @Test
    void corruptCompressedDataIsReportedNotReturned() {
        for (Codec c : new Codec[] {Codecs.zstd(3), Codecs.lz4()}) {
            ChunkCompressor cc = new ChunkCompressor(c);
            ByteBuffer good = cc.compress(ByteBuffer.wrap(TEXT)).data();
            byte[] bad = new byte[good.remaining()];
            good.get(good.position(), bad);
            bad[bad.length / 2] ^= 0x55;
            bad[5] ^= 0x55;
            assertThatThrownBy(() -> cc.decompress(c.algorithm(), ByteBuffer.wrap(bad, 0, bad.length / 2), TEXT.length))
                    .isInstanceOf(CompressionException.class);
            assertThatThrownBy(() -> cc.decompress(c.algorithm(), good, TEXT.length + 1))
                    .isInstanceOf(CompressionException.class);
        }
        assertThatThrownBy(() ->
                        new ChunkCompressor(Codecs.none()).decompress(Compression.NONE, ByteBuffer.allocate(3), 4))
                .isInstanceOf(CompressionException.class);
    }

    @Test
    void compressionIdsAreStable() {
        assertThat(Compression.NONE.id()).isZero();
        assertThat(Compression.ZSTD.id()).isEqualTo(1);
        assertThat(Compression.LZ4.id()).isEqualTo(2);
        assertThat(Compression.fromId(2)).isEqualTo(Compression.LZ4);
        assertThatThrownBy(() -> Compression.fromId(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Codecs.zstd(23)).isInstanceOf(IllegalArgumentException.class);
    }
}
