package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.fsck.Finding;
import io.dittofs.runtime.fsck.Finding.Kind;
import io.dittofs.runtime.fsck.Fsck;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.Codecs;
import io.dittofs.store.block.pipeline.seal.SealingBlockStore;
import io.dittofs.store.block.testkit.CountingBlockStore;
import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.PackRecord;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packs of small chunks: fewer uploads, one ranged read per cold chunk, GC and repacking, fsck. */
class PackingTest {
    private static final ContentSettings PACKED = TestShare.SETTINGS;
    private static final ContentSettings UNPACKED = TestShare.SETTINGS.withPacking(ContentSettings.Packing.OFF);

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static NodeId writeFile(TestShare t, String name, byte[] data) {
        NodeId f = t.file(ROOT, t.root(), name, 0644);
        t.fs.write(ROOT, f, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        return f;
    }

    private static byte[] readAll(TestShare t, NodeId f) {
        ByteBuffer b = t.fs.read(ROOT, f, 0, 1 << 20).data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static ChunkRecord chunkOf(TestShare t, NodeId f) {
        ContentExtent e = t.meta.read(r -> r.extents(f.fileId(), 0, 1)).getFirst();
        return t.meta.read(r -> r.chunk(e.chunkId())).orElseThrow();
    }

    private static List<PackRecord> packs(TestShare t) {
        return t.meta.read(r -> r.packs("", 1000));
    }

    /** Files {@code f<i>} of 10,000 + i random bytes (seed i), rolled up: about 500 KB, one pack. */
    private static List<NodeId> fiftyFilesInOnePack(TestShare t) {
        List<NodeId> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            files.add(writeFile(t, "f" + i, random(10_000 + i, i)));
        }
        t.content().drain();
        return files;
    }

    /** Writes {@code n} files of 4-16 KiB and rolls them up; returns the remote's counts. */
    private static CountingBlockStore writeSmallFiles(ContentSettings settings, int n) {
        CountingBlockStore remote = new CountingBlockStore(new MemoryBlockStore());
        TestShare t = new TestShare(remote, settings);
        Random sizes = new Random(1);
        List<NodeId> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(writeFile(t, "f" + i, random(4096 + sizes.nextInt(12 * 1024 + 1), i)));
        }
        t.content().drain();
        t.content().evictCache();
        Random check = new Random(1);
        for (int i = 0; i < n; i++) {
            byte[] expected = random(4096 + check.nextInt(12 * 1024 + 1), i);
            if (i % 997 == 0) {
                assertThat(readAll(t, files.get(i))).as("file %d", i).isEqualTo(expected);
            }
        }
        t.fs.close();
        return remote;
    }

    @Test
    void tenThousandSmallFilesTakeAFewPacksInsteadOfAnObjectEach() {
        int n = 10_000;
        CountingBlockStore off = writeSmallFiles(UNPACKED, n);
        CountingBlockStore on = writeSmallFiles(PACKED, n);
        System.out.printf(
                "%d small files (4-16 KiB): unpacked %d PUTs, %d bytes; packed %d PUTs, %d bytes%n",
                n, off.puts.get(), off.bytesPut.get(), on.puts.get(), on.bytesPut.get());
        assertThat(off.puts.get()).isEqualTo(n);
        assertThat(on.puts.get()).as("4 MiB packs of ~10 KiB chunks").isLessThan(n / 100);
        assertThat(on.bytesPut.get()).isEqualTo(off.bytesPut.get());
    }

    @Test
    void aColdReadOfAPackedChunkIsOneRangedReadOfThatChunkAlone() {
        CountingBlockStore remote = new CountingBlockStore(new MemoryBlockStore());
        TestShare t = new TestShare(remote, PACKED);
        List<NodeId> files = fiftyFilesInOnePack(t);
        assertThat(remote.puts.get()).isEqualTo(1);
        ChunkRecord c = chunkOf(t, files.get(17));
        assertThat(c.packed()).isTrue();
        assertThat(c.storedLength()).isEqualTo(10_017);
        t.content().evictCache();
        remote.gets.set(0);
        remote.rangedGets.set(0);
        remote.bytesFetched.set(0);
        assertThat(readAll(t, files.get(17))).isEqualTo(random(10_017, 17));
        assertThat(remote.gets.get()).as("no whole-object GET").isZero();
        assertThat(remote.rangedGets.get()).isEqualTo(1);
        assertThat(remote.bytesFetched.get())
                .as("the chunk, not the ~500 KB pack")
                .isEqualTo(10_017);
    }

    @Test
    void aSealedPackIsReadOneSealedFrameAtATimeAndADamagedFrameIsAnError() {
        CountingBlockStore stored = new CountingBlockStore(new MemoryBlockStore());
        SealingBlockStore sealed = new SealingBlockStore(
                stored, new ChunkCompressor(Codecs.zstd(3)), null, SealingBlockStore.DEFAULT_FRAME_SIZE);
        TestShare t = new TestShare(sealed, PACKED);
        List<NodeId> files = fiftyFilesInOnePack(t);
        assertThat(stored.puts.get()).isEqualTo(1);
        ChunkRecord c = chunkOf(t, files.get(30));
        assertThat(c.packed()).isTrue();
        t.content().evictCache();
        stored.rangedGets.set(0);
        stored.bytesFetched.set(0);
        assertThat(readAll(t, files.get(30))).isEqualTo(random(10_030, 30));
        assertThat(stored.rangedGets.get()).isEqualTo(1);
        assertThat(stored.bytesFetched.get())
                .as("one sealed frame: random data stays about its size")
                .isEqualTo(c.storedLength())
                .isBetween(10_030L, 10_030L + 200);
        // a byte flipped inside another chunk's frame: that read fails, never other bytes
        ChunkRecord d = chunkOf(t, files.get(31));
        ByteBuffer whole = stored.get(d.objectKey()).orElseThrow();
        byte[] bytes = new byte[whole.remaining()];
        whole.get(bytes);
        bytes[(int) d.objectOffset() + d.storedLength() / 2] ^= 1;
        stored.put(d.objectKey(), ByteBuffer.wrap(bytes));
        t.content().evictCache();
        assertThatThrownBy(() -> readAll(t, files.get(31))).isInstanceOf(io.dittofs.runtime.error.FsException.class);
        assertThat(readAll(t, files.get(30))).isEqualTo(random(10_030, 30));
    }

    @Test
    void aDuplicateOfAPackedChunkOnlyCountsItAgain() {
        CountingBlockStore remote = new CountingBlockStore(new MemoryBlockStore());
        TestShare t = new TestShare(remote, PACKED);
        for (int i = 0; i < 5; i++) {
            writeFile(t, "f" + i, random(8000, i));
        }
        t.content().drain();
        int puts = remote.puts.get();
        NodeId copy = writeFile(t, "copy", random(8000, 3));
        t.content().drain();
        assertThat(remote.puts.get()).as("nothing uploaded").isEqualTo(puts);
        ChunkRecord c = chunkOf(t, copy);
        assertThat(c.packed()).isTrue();
        assertThat(c.refCount()).isEqualTo(2);
        assertThat(packs(t)).singleElement().extracting(PackRecord::liveChunks).isEqualTo(5);
    }

    @Test
    void gcKeepsAPackWhileAnyChunkIsLiveRepacksItWhenMostlyDeadAndDeletesItEmpty() {
        TestShare t = new TestShare(new MemoryBlockStore(), PACKED);
        List<NodeId> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            files.add(writeFile(t, "f" + i, random(9000, i)));
        }
        t.content().drain();
        String first = packs(t).getFirst().packKey();
        assertThat(t.blocks.list("", null, 10).keys()).containsExactly(first);
        for (int i = 0; i < 4; i++) {
            t.fs.remove(ROOT, t.root(), "f" + i);
        }
        assertThat(t.content().gc(Duration.ZERO, p -> {}))
                .extracting(r -> r.deleted(), r -> r.deletedPacks(), r -> r.repackedPacks())
                .containsExactly(4L, 0L, 0L);
        assertThat(packs(t)).singleElement().satisfies(p -> {
            assertThat(p.liveChunks()).isEqualTo(6);
            assertThat(p.liveBytes()).isEqualTo(6 * 9000);
        });
        assertThat(t.blocks.list("", null, 10).keys())
                .as("6 of 10 chunks live: kept")
                .containsExactly(first);
        NodeId copy = writeFile(t, "copy", random(9000, 7)); // a new reference to a packed chunk that moves
        t.content().drain();
        t.fs.remove(ROOT, t.root(), "f4");
        t.fs.remove(ROOT, t.root(), "f5");
        assertThat(t.content().gc(Duration.ZERO, p -> {}).repackedPacks())
                .as("4 of 10 live, under half")
                .isEqualTo(1);
        PackRecord second = packs(t).stream()
                .filter(p -> !p.packKey().equals(first))
                .findFirst()
                .orElseThrow();
        assertThat(second.liveChunks()).isEqualTo(4);
        assertThat(chunkOf(t, copy))
                .as("moved with its references")
                .extracting(ChunkRecord::objectKey, ChunkRecord::refCount)
                .containsExactly(second.packKey(), 2L);
        assertThat(packs(t))
                .filteredOn(p -> p.packKey().equals(first))
                .singleElement()
                .satisfies(p -> assertThat(p.liveChunks()).isZero());
        assertThat(t.content().gc(Duration.ofHours(1), p -> {}).deletedPacks())
                .as("the old pack waits out the grace period: a reader may have looked up its old place")
                .isZero();
        assertThat(t.content().gc(Duration.ZERO, p -> {}).deletedPacks()).isEqualTo(1);
        assertThat(t.blocks.list("", null, 10).keys()).containsExactly(second.packKey());
        t.content().evictCache();
        for (int i = 6; i < 10; i++) {
            assertThat(readAll(t, files.get(i)))
                    .as("file %d after repacking", i)
                    .isEqualTo(random(9000, i));
        }
        assertThat(readAll(t, copy)).isEqualTo(random(9000, 7));
        for (int i = 6; i < 10; i++) {
            t.fs.remove(ROOT, t.root(), "f" + i);
        }
        assertThat(t.content().gc(Duration.ZERO, p -> {}).deletedPacks())
                .as("the copy keeps it")
                .isZero();
        t.fs.remove(ROOT, t.root(), "copy");
        assertThat(t.content().gc(Duration.ZERO, p -> {}).deletedPacks()).isEqualTo(1);
        assertThat(t.blocks.list("", null, 10).keys()).isEmpty();
        assertThat(packs(t)).isEmpty();
    }

    @Test
    void fsckChecksPacksTheirLiveCountsAndTheirObjects() {
        TestShare t = new TestShare(new MemoryBlockStore(), PACKED);
        List<NodeId> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(writeFile(t, "f" + i, random(7000, i)));
        }
        t.content().drain();
        Fsck fsck = new Fsck(t.meta, t.blocks, Shares.contentPrefix("test"), Clock.systemUTC());
        assertThat(fsck.check(f -> {}).clean()).isTrue();
        PackRecord p = packs(t).getFirst();

        t.meta.write(Durability.SYNC, w -> {
            w.putPack(p.withLive(-1, -7000, 0));
            return null;
        });
        List<Finding> found = new ArrayList<>();
        fsck.repair(found::add);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.PACK_ACCOUNTING);
            assertThat(f.repaired()).isTrue();
        });
        assertThat(packs(t)).containsExactly(p);

        String stray = Shares.contentPrefix("test") + "/p/ab/0123456789";
        t.blocks.put(stray, ByteBuffer.wrap(new byte[100]));
        found.clear();
        fsck.repair(found::add);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.LEAKED_CONTENT);
            assertThat(f.repaired()).isTrue();
        });
        assertThat(t.blocks.get(stray)).isEmpty();

        t.blocks.delete(p.packKey());
        found.clear();
        fsck.check(found::add);
        assertThat(found).hasSize(6).allSatisfy(f -> assertThat(f.kind()).isEqualTo(Kind.MISSING_CHUNK));
    }

    /**
     * A metadata store that, once armed, runs a garbage collection (grace 0) right after the
     * transaction that records a new, still empty pack: between a rollup group's pack upload and
     * its commits.
     */
    private static final class CollectsNewPacks implements MetadataStore {
        final MemoryMetadataStore inner = new MemoryMetadataStore();
        ContentStore content;
        boolean armed;

        @Override
        public <T> T read(ReadTransaction<T> work) {
            return inner.read(work);
        }

        @Override
        public <T> T write(Durability durability, WriteTransaction<T> work) {
            T result = inner.write(durability, work);
            if (armed && inner.read(r -> r.packs("", 10)).stream().anyMatch(p -> p.liveChunks() == 0)) {
                armed = false;
                assertThat(content.gc(Duration.ZERO, p -> {}).deletedPacks()).isEqualTo(1);
            }
            return result;
        }

        @Override
        public void sync() {
            inner.sync();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aPackCollectedBeforeTheRollupsThatFillItCommitMakesThemRollUpAgain() {
        CollectsNewPacks meta = new CollectsNewPacks();
        MemoryBlockStore blocks = new MemoryBlockStore();
        FileSystem fs = Shares.open("test", ShareOptions.DEFAULTS, meta, blocks, PACKED, Clock.systemUTC())
                .fileSystem();
        meta.content = ((PosixFileSystem) fs).content();
        List<NodeId> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NodeId f = fs.createFile(ROOT, fs.root(), "f" + i, SetAttributes.mode(0644), CreateMode.GUARDED)
                    .created()
                    .id();
            fs.write(ROOT, f, 0, ByteBuffer.wrap(random(5000, i)), Stability.UNSTABLE);
            files.add(f);
        }
        meta.armed = true;
        assertThatThrownBy(() -> meta.content.drain())
                .as("the commits find their pack gone")
                .hasMessageContaining("left the index");
        assertThat(meta.armed).isFalse();
        assertThat(blocks.list("", null, 10).keys())
                .as("the collected pack's object is gone")
                .isEmpty();
        meta.content.drain();
        List<PackRecord> packs = meta.inner.read(r -> r.packs("", 10));
        assertThat(packs).singleElement().extracting(PackRecord::liveChunks).isEqualTo(5);
        meta.content.evictCache();
        for (int i = 0; i < 5; i++) {
            ByteBuffer b = fs.read(ROOT, files.get(i), 0, 10_000).data();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            assertThat(out).isEqualTo(random(5000, i));
        }
        assertThat(new Fsck(meta, blocks, Shares.contentPrefix("test"), Clock.systemUTC())
                        .check(f -> {})
                        .clean())
                .isTrue();
        fs.close();
    }
}
