package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.store.block.pipeline.chunk.ChunkerConfig;
import io.dittofs.store.metadata.ChunkRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block pipeline through the file system: log, replay, rollup, dedup, verified reads, cache, GC. */
class ContentPipelineTest {
    /** Small chunks, so small files have many and boundaries are exercised. */
    private static final ChunkerConfig SMALL = ChunkerConfig.of(256, 1024, 4096);

    @TempDir
    Path scratch;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(FileSystem fs, NodeId f, long offset, int count) {
        ByteBuffer b = fs.read(ROOT, f, offset, count).data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void writeWhole(FileSystem fs, NodeId f, byte[] data, Stability stability) {
        for (int off = 0; off < data.length; off += 1 << 20) {
            int n = Math.min(1 << 20, data.length - off);
            fs.write(ROOT, f, off, ByteBuffer.wrap(data, off, n), stability);
        }
    }

    private static byte[] readWhole(FileSystem fs, NodeId f) {
        long size = fs.getAttributes(ROOT, f).size();
        byte[] out = new byte[(int) size];
        for (int pos = 0; pos < size; ) {
            byte[] part = read(fs, f, pos, 1 << 20);
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        return out;
    }

    @Test
    void randomWritesTruncatesAndRollupsAlwaysReadBackAsTheModel() {
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS.withChunking(SMALL));
        FileSystem fs = t.fs;
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        Random r = new Random(7);
        byte[] model = new byte[0];
        for (int step = 0; step < 400; step++) {
            int op = r.nextInt(10);
            if (op < 6) {
                int off = model.length == 0 ? 0 : r.nextInt(model.length + 2000);
                byte[] data = r.nextInt(4) == 0 ? new byte[1 + r.nextInt(9000)] : random(1 + r.nextInt(9000), step);
                fs.write(ROOT, f, off, ByteBuffer.wrap(data), Stability.UNSTABLE);
                if (off + data.length > model.length) {
                    model = Arrays.copyOf(model, off + data.length);
                }
                System.arraycopy(data, 0, model, off, data.length);
            } else if (op < 8) {
                int size = r.nextInt(model.length + 3000);
                fs.setAttributes(ROOT, f, SetAttributes.NONE.withSize((long) size), null);
                model = Arrays.copyOf(model, size);
            } else {
                t.content().drain();
            }
            if (step % 20 == 0 || op >= 8) {
                assertThat(readWhole(fs, f)).as("after step %d", step).isEqualTo(model);
            }
        }
        t.content().drain();
        assertThat(readWhole(fs, f)).isEqualTo(model);
        assertThat(t.content().pendingFiles()).isZero();
    }

    @Test
    void sequentialWritesRolledUpPiecemealChunkLikeOneWholeWrite() {
        byte[] data = random(3 << 20, 11);
        // Unpacked, so the remote's object sizes are the chunk sizes compared below.
        ContentSettings unpacked = TestShare.SETTINGS.withPacking(ContentSettings.Packing.OFF);
        TestShare once = new TestShare(ShareOptions.DEFAULTS, unpacked);
        NodeId a = once.file(ROOT, once.root(), "a", 0644);
        writeWhole(once.fs, a, data, Stability.UNSTABLE);
        once.content().drain();
        TestShare pieces = new TestShare(ShareOptions.DEFAULTS, unpacked);
        NodeId b = pieces.file(ROOT, pieces.root(), "b", 0644);
        for (int off = 0; off < data.length; off += 100_000) {
            int n = Math.min(100_000, data.length - off);
            pieces.fs.write(ROOT, b, off, ByteBuffer.wrap(data, off, n), Stability.UNSTABLE);
            if (off % 700_000 == 0) {
                pieces.content().drain();
            }
        }
        pieces.content().drain();
        assertThat(pieces.content().gc(Duration.ZERO, p -> {}).deleted())
                .as("chunks cut by the end of the data, replaced when more came")
                .isPositive();
        assertThat(extentLengths(pieces, b)).isEqualTo(extentLengths(once, a));
        assertThat(sizes(pieces)).isEqualTo(sizes(once));
        assertThat(readWhole(pieces.fs, b)).isEqualTo(data);
    }

    private static List<Integer> extentLengths(TestShare t, NodeId f) {
        return t.meta.read(r -> r.extents(f.fileId(), 0, 100_000)).stream()
                .map(e -> e.length())
                .toList();
    }

    private static List<Long> sizes(TestShare t) {
        return t.blocks.list("", null, 10_000).keys().stream()
                .map(k -> t.blocks.stat(k).orElseThrow().size())
                .sorted()
                .toList();
    }

    @Test
    void sameDataInManyFilesIsStoredOnceAndAOneByteChangeCostsAFewChunks() {
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS);
        byte[] data = random(4 << 20, 5);
        for (String name : List.of("a", "b", "c")) {
            NodeId f = t.file(ROOT, t.root(), name, 0644);
            writeWhole(t.fs, f, data, Stability.FILE_SYNC);
        }
        byte[] changed = data.clone();
        changed[data.length / 2] ^= 1;
        NodeId d = t.file(ROOT, t.root(), "d", 0644);
        writeWhole(t.fs, d, changed, Stability.FILE_SYNC);
        t.content().drain();
        long stored = sizes(t).stream().mapToLong(Long::longValue).sum();
        assertThat(stored).isBetween((long) data.length, data.length + 3L * ChunkerConfig.DEFAULT.maxSize());
        assertThat(readWhole(t.fs, d)).isEqualTo(changed);
    }

    @Test
    void aCorruptRemoteObjectIsAnIoErrorNeverWrongData() throws IOException {
        Path local = scratch.resolve("local");
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS.withLocalDir(local));
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.fs.write(ROOT, f, 0, ByteBuffer.wrap(random(50_000, 1)), Stability.FILE_SYNC);
        t.content().drain();
        String key = t.blocks.list("", null, 10).keys().getFirst();
        ByteBuffer original = t.blocks.get(key).orElseThrow();
        byte[] bad = new byte[original.remaining()];
        original.get(bad);
        bad[bad.length / 3] ^= 0x10;
        t.blocks.put(key, ByteBuffer.wrap(bad));
        deleteTree(local.resolve("cache"));
        TestShare again = reopen(t, local);
        assertThatThrownBy(() -> again.fs.read(ROOT, f, 0, 100))
                .isInstanceOfSatisfying(
                        FsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR));
    }

    /** A new file system over the same stores and local tier, as after a restart. */
    private static TestShare reopen(TestShare t, Path local) {
        return new TestShare(t, TestShare.SETTINGS.withLocalDir(local));
    }

    @Test
    void theLogReplaysAfterARestartUpToItsLastWholeRecord() throws IOException {
        Path local = scratch.resolve("local");
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS.withLocalDir(local));
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        byte[] data = random(300_000, 2);
        t.fs.write(ROOT, f, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        t.fs.commit(ROOT, f);
        // A torn record after the committed one: as if the process died in the middle of a write.
        try (Stream<Path> logs = Files.walk(local.resolve("log"))) {
            Path segment = logs.filter(p -> p.toString().endsWith(".log"))
                    .filter(p -> p.toFile().length() > 0)
                    .findFirst()
                    .orElseThrow();
            try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                c.write(ByteBuffer.wrap(new byte[] {0x44, 0x46, 0x4C, 0x47, 1, 2, 3}));
            }
        }
        assertThat(t.blocks.list("", null, 10).keys()).isEmpty();
        TestShare after = reopen(t, local);
        assertThat(after.content().pendingFiles()).isEqualTo(1);
        assertThat(readWhole(after.fs, f)).isEqualTo(data);
        after.content().drain();
        assertThat(after.content().logBytes())
                .as("the log is trimmed once rolled up")
                .isZero();
        deleteTree(local.resolve("cache"));
        TestShare third = reopen(after, local);
        assertThat(readWhole(third.fs, f)).as("from the remote, verified").isEqualTo(data);
    }

    @Test
    void concurrentCommitsShareFsyncs() throws Exception {
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS);
        List<NodeId> files = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            files.add(t.file(ROOT, t.root(), "f" + i, 0644));
        }
        long before = t.content().logSyncs();
        int commits = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (NodeId f : files) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        t.fs.write(ROOT, f, i * 1000L, ByteBuffer.wrap(random(1000, i)), Stability.UNSTABLE);
                        t.fs.commit(ROOT, f);
                    }
                    return null;
                }));
                commits += 20;
            }
            for (Future<?> r : running) {
                r.get();
            }
        }
        long syncs = t.content().logSyncs() - before;
        assertThat(syncs).as("fsyncs for %d commits", commits).isPositive().isLessThan(commits);
    }

    @Test
    void remoteDurabilityMakesCommitWaitForTheRemote() {
        TestShare t = new TestShare(
                ShareOptions.DEFAULTS, TestShare.SETTINGS.withDurability(ContentSettings.Durability.REMOTE));
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.fs.write(ROOT, f, 0, ByteBuffer.wrap(random(100_000, 3)), Stability.UNSTABLE);
        assertThat(t.blocks.list("", null, 10).keys()).isEmpty();
        t.fs.commit(ROOT, f);
        assertThat(t.blocks.list("", null, 10).keys()).isNotEmpty();
        assertThat(t.content().pendingFiles()).isZero();
    }

    @Test
    void theCacheStaysUnderItsLimitAndEvictedChunksComeBackFromTheRemote() {
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS.withCache(256 << 10, 0));
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        byte[] data = random(2 << 20, 4);
        writeWhole(t.fs, f, data, Stability.FILE_SYNC);
        t.content().drain();
        assertThat(t.content().cacheBytes()).isLessThanOrEqualTo(256 << 10);
        assertThat(readWhole(t.fs, f)).isEqualTo(data);
        assertThat(t.content().cacheBytes()).isLessThanOrEqualTo(256 << 10);
    }

    @Test
    void gcSparesAChunkThatIsReferencedAgainWithinTheGracePeriod() {
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS);
        byte[] data = random(100_000, 8);
        NodeId a = t.file(ROOT, t.root(), "a", 0644);
        t.fs.write(ROOT, a, 0, ByteBuffer.wrap(data), Stability.FILE_SYNC);
        t.content().drain();
        t.fs.remove(ROOT, t.root(), "a");
        List<ChunkRecord> unreferenced = t.meta.read(r -> r.chunks("", 100));
        assertThat(unreferenced).allMatch(c -> c.refCount() == 0);
        NodeId b = t.file(ROOT, t.root(), "b", 0644);
        t.fs.write(ROOT, b, 0, ByteBuffer.wrap(data), Stability.FILE_SYNC);
        t.content().drain();
        assertThat(t.content().gc(Duration.ZERO, p -> {}).deleted()).isZero();
        assertThat(readWhole(t.fs, b)).isEqualTo(data);
        assertThat(t.content().stats().uploadedChunks())
                .as("the second file uploaded nothing")
                .isEqualTo(unreferenced.size());
    }

    @Test
    void theChunkNamingKeyIsPerShareSoEqualDataGetsUnrelatedNames() {
        byte[] data = random(50_000, 9);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS);
            NodeId f = t.file(ROOT, t.root(), "f", 0644);
            t.fs.write(ROOT, f, 0, ByteBuffer.wrap(data), Stability.FILE_SYNC);
            t.content().drain();
            names.addAll(t.meta.read(r -> r.chunks("", 10)).stream()
                    .map(ChunkRecord::chunkId)
                    .toList());
        }
        assertThat(names).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aFullWriteLogRefusesWritesWithTryLaterUntilTheSyncerDrainsIt() throws InterruptedException {
        TestShare t = new TestShare(ShareOptions.DEFAULTS, TestShare.SETTINGS.withMaxLogBytes(64L << 20));
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        byte[] mib = random(1 << 20, 13);
        long accepted = 0;
        ErrorCode code = null;
        for (int i = 0; i < 300 && code == null; i++) {
            try {
                t.fs.write(ROOT, f, (long) i << 20, ByteBuffer.wrap(mib), Stability.UNSTABLE);
                accepted += mib.length;
            } catch (FsException e) {
                code = e.code();
            }
            if (i >= 64) {
                Thread.sleep(20); // give the background pass (every 200 ms) time to see the log
            }
        }
        assertThat(accepted).as("writes are accepted up to the limit").isGreaterThanOrEqualTo(64L << 20);
        assertThat(code).as("refused once the background pass saw the full log").isEqualTo(ErrorCode.TRY_LATER);
        t.content().drain();
        boolean resumed = false;
        for (int tries = 0; tries < 100 && !resumed; tries++) {
            Thread.sleep(50);
            try {
                t.fs.write(ROOT, f, 0, ByteBuffer.wrap(mib, 0, 10), Stability.UNSTABLE);
                resumed = true;
            } catch (FsException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.TRY_LATER);
            }
        }
        assertThat(resumed).as("writes resume once the log is drained").isTrue();
    }

    /** A metadata store that runs something just before its next write transaction. */
    private static final class Interposing implements io.dittofs.store.metadata.MetadataStore {
        final io.dittofs.store.metadata.MetadataStore inner =
                new io.dittofs.store.metadata.memory.MemoryMetadataStore();
        volatile Runnable beforeNextWrite;

        @Override
        public <T> T read(ReadTransaction<T> work) {
            return inner.read(work);
        }

        @Override
        public <T> T write(io.dittofs.store.metadata.Durability durability, WriteTransaction<T> work) {
            Runnable r = beforeNextWrite;
            if (r != null) {
                beforeNextWrite = null;
                r.run();
            }
            return inner.write(durability, work);
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
    void gcRacingARollupThatReusesAChunkMakesTheRollupUploadItAgainNeverLoseIt() {
        Interposing meta = new Interposing();
        io.dittofs.store.block.memory.MemoryBlockStore remote = new io.dittofs.store.block.memory.MemoryBlockStore();
        FileSystem fs = io.dittofs.runtime.share.Shares.open(
                        "race", ShareOptions.DEFAULTS, meta, remote, TestShare.SETTINGS, java.time.Clock.systemUTC())
                .fileSystem();
        io.dittofs.runtime.content.ContentStore content = ((PosixFileSystem) fs).content();
        byte[] data = random(200_000, 12);
        NodeId a = fs.createFile(ROOT, fs.root(), "a", SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
        fs.write(ROOT, a, 0, ByteBuffer.wrap(data), Stability.FILE_SYNC);
        content.drain();
        fs.remove(ROOT, fs.root(), "a");
        NodeId b = fs.createFile(ROOT, fs.root(), "b", SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
        fs.write(ROOT, b, 0, ByteBuffer.wrap(data), Stability.FILE_SYNC);
        // The rollup of b finds a's chunks in the index (count 0) and uploads nothing; just before
        // it commits, GC deletes them.
        meta.beforeNextWrite =
                () -> assertThat(content.gc(Duration.ZERO, p -> {}).deleted()).isPositive();
        assertThatThrownBy(content::drain).hasMessageContaining("left the index during the rollup");
        assertThat(remote.list("", null, 10).keys())
                .as("GC deleted the objects")
                .isEmpty();
        assertThat(read(fs, b, 0, data.length)).as("still served from the log").isEqualTo(data);
        content.drain();
        assertThat(remote.list("", null, 10).keys()).as("uploaded again").isNotEmpty();
        content.evictCache();
        assertThat(read(fs, b, 0, data.length)).isEqualTo(data);
        fs.close();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
