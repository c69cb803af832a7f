package io.dittofs.store.block.pipeline.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.Codecs;
import io.dittofs.store.block.pipeline.compress.Compression;
import io.dittofs.store.block.pipeline.format.ObjectHeader;
import io.dittofs.store.block.testkit.CountingBlockStore;
import io.dittofs.store.block.testkit.S3ProxyExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the remote holds and what a damaged object does, over both real remotes: the filesystem
 * store and S3 (S3Proxy, a local process, filesystem backend).
 */
class SealedObjectTest {
    private static final int RUN = 32;

    @TempDir
    Path dir;

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.filesystem();

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    enum Remote {
        FILESYSTEM,
        S3
    }

    private BlockStore remote(Remote kind) {
        return switch (kind) {
            case FILESYSTEM -> Remotes.filesystem(dir.resolve("remote"));
            case S3 -> Remotes.s3(S3.server(), "sealed", "p" + PREFIXES.incrementAndGet() + "/");
        };
    }

    private SealingBlockStore sealed(BlockStore remote, AeadAlgorithm algorithm) {
        return Remotes.sealed(remote, dir.resolve("kek"), algorithm, 16 * 1024);
    }

    @ParameterizedTest
    @EnumSource(Remote.class)
    void noStoredObjectContainsAny32ByteRunOfThePlaintext(Remote kind) {
        BlockStore remote = remote(kind);
        List<byte[]> written = new ArrayList<>();
        try (SealingBlockStore gcm = sealed(remote, AeadAlgorithm.AES_256_GCM);
                SealingBlockStore chacha = sealed(remote, AeadAlgorithm.CHACHA20_POLY1305)) {
            for (int i = 0; i < 4; i++) {
                byte[] text = text(100_000 + i * 777, i);
                byte[] random = random(20_000, i);
                (i % 2 == 0 ? gcm : chacha).put("obj/text" + i, ByteBuffer.wrap(text));
                (i % 2 == 0 ? chacha : gcm).put("obj/random" + i, ByteBuffer.wrap(random));
                written.add(text);
                written.add(random);
            }
            long[] runs = runPrefixes(written);
            List<String> keys = remote.list("", null, 1000).keys();
            assertThat(keys).hasSize(8);
            for (String key : keys) {
                assertThat(plaintextRunAt(runs, bytes(remote.get(key).orElseThrow())))
                        .as("offset of a plaintext run in stored %s", key)
                        .isNegative();
            }
            for (int i = 0; i < 4; i++) {
                assertThat(bytes(chacha.get("obj/text" + i).orElseThrow())).isEqualTo(written.get(2 * i));
            }
        }
    }

    @Test
    void thePlaintextScanFindsTheRunsOfAnObjectStoredUnencrypted() {
        BlockStore remote = remote(Remote.FILESYSTEM);
        byte[] random = random(20_000, 9);
        try (SealingBlockStore unencrypted =
                new SealingBlockStore(remote, new ChunkCompressor(Codecs.zstd(3)), null, 4096)) {
            unencrypted.put("clear", ByteBuffer.wrap(random));

            assertThat(plaintextRunAt(
                            runPrefixes(List.of(random)),
                            bytes(remote.get("clear").orElseThrow())))
                    .isNotNegative();
        }
    }

    @ParameterizedTest
    @EnumSource(Remote.class)
    void aByteFlippedAnywhereInAStoredObjectFailsTheReadAndNeverGivesOtherBytes(Remote kind) {
        BlockStore remote = remote(kind);
        byte[] data = text(60_000, 7);
        try (SealingBlockStore store = sealed(remote, AeadAlgorithm.AES_256_GCM)) {
            store.put("victim", ByteBuffer.wrap(data));
            byte[] stored = bytes(remote.get("victim").orElseThrow());
            for (int at = 0; at < stored.length; at += Math.max(1, stored.length / 25)) {
                byte[] damaged = stored.clone();
                damaged[at] ^= 0x10;
                remote.put("victim", ByteBuffer.wrap(damaged));

                assertCorrupt(() -> store.get("victim"));
                // A ranged read of one frame checks the index and that frame only: it fails, or it gives the
                // right bytes (when the flip is in another frame), never other bytes.
                assertRightBytesOrCorrupt(store, data, 20_000, 100, at);
            }
        }
    }

    @Test
    void incompressibleFramesAreStoredRawAndEachObjectRecordsItsOwnCompression() {
        BlockStore remote = remote(Remote.FILESYSTEM);
        byte[] random = random(30_000, 1);
        byte[] text = text(30_000, 2);
        try (SealingBlockStore zstd = sealed(remote, AeadAlgorithm.AES_256_GCM);
                SealingBlockStore lz4 = new SealingBlockStore(
                        remote,
                        new ChunkCompressor(Codecs.lz4()),
                        Remotes.cipher(dir.resolve("kek"), AeadAlgorithm.CHACHA20_POLY1305),
                        4096)) {
            zstd.put("random", ByteBuffer.wrap(random));
            zstd.put("text", ByteBuffer.wrap(text));
            lz4.put("text-lz4", ByteBuffer.wrap(text));

            assertThat(firstFrameHeader(remote, "random").compression()).isEqualTo(Compression.NONE);
            assertThat(firstFrameHeader(remote, "text").compression()).isEqualTo(Compression.ZSTD);
            assertThat(firstFrameHeader(remote, "text-lz4").compression()).isEqualTo(Compression.LZ4);
            // Each store reads what the other wrote: the header, not the setting, decides.
            assertThat(bytes(lz4.get("text").orElseThrow())).isEqualTo(text);
            assertThat(bytes(zstd.get("text-lz4").orElseThrow())).isEqualTo(text);
            assertThat(bytes(lz4.get("random").orElseThrow())).isEqualTo(random);
            assertThat(remote.stat("text").orElseThrow().size()).isLessThan(text.length / 2);
        }
    }

    @Test
    void anObjectOfAnUnknownFormatVersionIsRefusedByName() {
        BlockStore remote = remote(Remote.FILESYSTEM);
        try (SealingBlockStore store = sealed(remote, AeadAlgorithm.AES_256_GCM)) {
            store.put("k", ByteBuffer.wrap(text(1000, 1)));
            byte[] stored = bytes(remote.get("k").orElseThrow());
            stored[4] = 2; // Format version (the byte after "DFSF").
            remote.put("k", ByteBuffer.wrap(stored));

            assertThatThrownBy(() -> store.get("k"))
                    .isInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("version 2 is not supported");
            remote.put("plain", ByteBuffer.wrap("not sealed at all".getBytes(StandardCharsets.US_ASCII)));
            assertThatThrownBy(() -> store.get("plain"))
                    .isInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("not a sealed object");
        }
    }

    @Test
    void anEncryptedObjectDoesNotOpenWithoutTheKeyFileItWasWrittenUnder() {
        BlockStore remote = remote(Remote.FILESYSTEM);
        SealingBlockStore writer = sealed(remote, AeadAlgorithm.AES_256_GCM);
        writer.put("secret", ByteBuffer.wrap(text(5000, 3)));
        SealingBlockStore otherKey =
                Remotes.sealed(remote, dir.resolve("other-kek"), AeadAlgorithm.AES_256_GCM, 16 * 1024);
        SealingBlockStore noKey = new SealingBlockStore(remote, new ChunkCompressor(Codecs.zstd(3)), null, 4096);

        assertThatThrownBy(() -> otherKey.get("secret")).hasMessageContaining("no key-encryption key");
        assertCorrupt(() -> noKey.get("secret"));
        remote.close();
    }

    @Test
    void aChunkOfAPackIsReadWithOneRangedGetOfItsFrameAlone() {
        CountingBlockStore remote = new CountingBlockStore(remote(Remote.FILESYSTEM));
        List<ByteBuffer> chunks = List.of(
                ByteBuffer.wrap(text(10_000, 1)), ByteBuffer.wrap(random(7_000, 2)), ByteBuffer.wrap(text(3_000, 3)));
        try (SealingBlockStore store = sealed(remote, AeadAlgorithm.CHACHA20_POLY1305)) {
            List<FrameLocation> frames = store.putFrames("pack/1", chunks);

            remote.rangedGets.set(0);
            remote.bytesFetched.set(0);
            ByteBuffer middle = store.readFrame("pack/1", frames.get(1)).orElseThrow();

            assertThat(bytes(middle)).isEqualTo(bytes(chunks.get(1)));
            assertThat(remote.rangedGets).hasValue(1);
            assertThat(remote.bytesFetched).hasValue(frames.get(1).storedLength());
            assertThat(store.frames("pack/1")).contains(frames);
            assertThat(bytes(store.get("pack/1", frames.get(2).plainOffset(), 3_000)
                            .orElseThrow()))
                    .isEqualTo(bytes(chunks.get(2)));
        }
    }

    /** The first 8 bytes of every 32-byte run of the plaintexts, sorted. */
    private static long[] runPrefixes(List<byte[]> plaintexts) {
        return plaintexts.stream()
                .flatMapToLong(plain -> IntStream.rangeClosed(0, plain.length - RUN)
                        .mapToLong(at -> ByteBuffer.wrap(plain, at, 8).getLong()))
                .sorted()
                .toArray();
    }

    /**
     * Where in {@code stored} the first 8 bytes of a plaintext run appear, or -1. When no 8-byte
     * prefix of a 32-byte run appears, no 32-byte run does.
     */
    private static int plaintextRunAt(long[] runPrefixes, byte[] stored) {
        for (int at = 0; at + RUN <= stored.length; at++) {
            if (Arrays.binarySearch(runPrefixes, ByteBuffer.wrap(stored, at, 8).getLong()) >= 0) {
                return at;
            }
        }
        return -1;
    }

    private static ObjectHeader firstFrameHeader(BlockStore remote, String key) {
        ByteBuffer stored = remote.get(key).orElseThrow();
        int frames = stored.getInt(16);
        return ObjectHeader.decode(stored.duplicate().position(FrameIndex.lengthFor(frames)));
    }

    private static void assertRightBytesOrCorrupt(
            SealingBlockStore store, byte[] data, int offset, int length, int flippedAt) {
        ByteBuffer read;
        try {
            read = store.get("victim", offset, length).orElseThrow();
        } catch (BlockStoreException e) {
            assertThat(e.kind()).as("flip at %d", flippedAt).isEqualTo(BlockStoreException.Kind.CORRUPT);
            return;
        }
        assertThat(bytes(read))
                .as("flip at %d", flippedAt)
                .isEqualTo(Arrays.copyOfRange(data, offset, offset + length));
    }

    private static void assertCorrupt(ThrowingCallable read) {
        assertThatThrownBy(read).isInstanceOfSatisfying(BlockStoreException.class, e -> assertThat(e.kind())
                .isEqualTo(BlockStoreException.Kind.CORRUPT));
    }

    /** Words from a small vocabulary: compressible, like text. */
    static byte[] text(int size, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append("w").append(r.nextInt(2000)).append(r.nextInt(10) == 0 ? ".\n" : " ");
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
