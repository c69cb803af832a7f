package io.dittofs.bench.pipeline;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.Codecs;
import io.dittofs.store.block.pipeline.seal.SealingBlockStore;
import io.dittofs.store.block.testkit.CountingBlockStore;
import io.dittofs.store.block.testkit.S3ProxyServer;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbMetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbSettings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 7, end-to-end figures of the whole block pipeline (not a unit test, prints figures). A
 * share as the daemon runs it: RocksDB metadata, the write log and chunk cache on local disk, the
 * remote sealed (zstd 3 + AES-256-GCM, 64 KiB frames) over the filesystem store or S3 (S3Proxy,
 * filesystem backend, a local process). Driven through the file system API, as an adapter would:
 *
 * <ol>
 *   <li><b>Sync idle</b>: files of 64 MiB written in 1 MiB UNSTABLE writes then COMMIT, with rollup
 *       off: the client's latency with the local tier alone.
 *   <li><b>Sync running</b>, per remote: the same workload with the default rollup (2 s / 64 MiB),
 *       so FastCDC, BLAKE3, sealing and uploads run beside the writes; write and COMMIT latency,
 *       the client's MB/s, and the sustained MB/s until the remote holds everything (log drained).
 *   <li><b>Cold reads</b>, per remote: random 4 KiB reads with the chunk cache emptied before each
 *       one, so every read fetches its chunk: IOPS, p50/p99 latency and the remote's bytes fetched
 *       (sealed bytes, under the sealer) per byte read.
 * </ol>
 *
 * Data is random (incompressible), unique per file, so nothing dedups.
 *
 * <pre>
 * ./mvnw -B -q -o -pl benchmarks -am package -DskipTests
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.dittofs.bench.pipeline.PipelineMeasure [MiB to write, default 512] [reads, default 2000] \
 *     [read threads, default 4] [uploads at once, default 8] [remotes, default filesystem,s3]
 * </pre>
 */
public final class PipelineMeasure {
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);
    private static final int FILE = 64 * BenchData.MIB;
    private static final int IO = BenchData.MIB;
    private static final int READ = 4096;

    private PipelineMeasure() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int uploads = args.length > 3 ? Integer.parseInt(args[3]) : ContentSettings.DEFAULTS.uploadConcurrency();
        List<String> remotes = List.of((args.length > 4 ? args[4] : "filesystem,s3").split(","));
        int files = Math.max(1, mib * BenchData.MIB / FILE);
        Path dir = Files.createTempDirectory("dittofs-pipeline-measure");
        byte[] data = new byte[FILE];
        ThreadLocalRandom.current().nextBytes(data);
        System.out.printf(
                "block pipeline: RocksDB metadata, sealed remote (zstd 3 + AES-256-GCM), %d files of %d MiB"
                        + " (random), 1 MiB UNSTABLE writes + COMMIT per file; %d uploads at once; %d cores%n",
                files, FILE >> 20, uploads, Runtime.getRuntime().availableProcessors());
        EnvelopeCipher cipher =
                new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("kek")), AeadAlgorithm.AES_256_GCM);

        ContentSettings idle = ContentSettings.DEFAULTS.withRollup(Duration.ofDays(1), Long.MAX_VALUE);
        try (Run run = new Run(
                dir.resolve("idle"),
                new FilesystemBlockStore(Files.createDirectories(dir.resolve("idle-remote"))),
                cipher,
                idle)) {
            run.write("sync idle (local tier only)", files, data, false);
        }
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3proxy"))) {
            s3.createBucket("bench");
            for (String remote : remotes) {
                BlockStore store = remote.equals("s3")
                        ? SealedRemoteMeasure.s3Store(s3, "pipeline")
                        : new FilesystemBlockStore(Files.createDirectories(dir.resolve("fs-remote")));
                try (Run run = new Run(
                        dir.resolve(remote), store, cipher, ContentSettings.DEFAULTS.withUploadConcurrency(uploads))) {
                    run.write("sync running, " + remote, files, data, true);
                    run.coldReads(remote + " cold 4 KiB reads", reads, threads);
                }
            }
        }
    }

    /** One share over one remote, with the remote's traffic counted under the sealer. */
    private static final class Run implements AutoCloseable {
        final CountingBlockStore counting;
        final MetadataStore meta;
        final FileSystem fs;
        final ContentStore content;
        final List<NodeId> written = new ArrayList<>();

        Run(Path dir, BlockStore remote, EnvelopeCipher cipher, ContentSettings settings) throws Exception {
            counting = new CountingBlockStore(remote);
            BlockStore sealed = new SealingBlockStore(
                    counting, new ChunkCompressor(Codecs.zstd(3)), cipher, SealingBlockStore.DEFAULT_FRAME_SIZE);
            meta = RocksDbMetadataStore.open(Files.createDirectories(dir.resolve("meta")), RocksDbSettings.defaults());
            fs = Shares.open(
                            "bench",
                            ShareOptions.DEFAULTS,
                            meta,
                            sealed,
                            settings.withLocalDir(dir.resolve("local")),
                            Clock.systemUTC())
                    .fileSystem();
            content = ((PosixFileSystem) fs).content();
        }

        void write(String name, int files, byte[] data, boolean drain) throws InterruptedException {
            long[] writes = new long[files * (FILE / IO)];
            long[] commits = new long[files];
            int w = 0;
            long start = System.nanoTime();
            for (int i = 0; i < files; i++) {
                // Unique content per file: stamp the file number into every 4 KiB block.
                for (int b = 0; b < FILE; b += 4096) {
                    ByteBuffer.wrap(data, b, 8).putInt(i).putInt(b);
                }
                NodeId f = fs.createFile(
                                ROOT, fs.root(), "f" + written.size(), SetAttributes.mode(0644), CreateMode.GUARDED)
                        .created()
                        .id();
                written.add(f);
                for (int off = 0; off < FILE; off += IO) {
                    long t0 = System.nanoTime();
                    fs.write(ROOT, f, off, ByteBuffer.wrap(data, off, IO), Stability.UNSTABLE);
                    writes[w++] = System.nanoTime() - t0;
                }
                long t0 = System.nanoTime();
                fs.commit(ROOT, f);
                commits[i] = System.nanoTime() - t0;
            }
            double acked = (System.nanoTime() - start) / 1e9;
            double mb = (double) files * FILE / 1e6;
            String sustained = "";
            if (drain) {
                while (content.pendingFiles() > 0 || content.logBytes() > 0) {
                    Thread.sleep(50);
                }
                double drained = (System.nanoTime() - start) / 1e9;
                sustained = String.format(
                        "; until drained %.1f MB/s (%.1f s), stored %.2f bytes per byte",
                        mb / drained, drained, (double) counting.bytesPut.get() / ((long) files * FILE));
            }
            Arrays.sort(writes);
            Arrays.sort(commits);
            System.out.printf(
                    "%-34s client %6.1f MB/s; 1 MiB write p50 %6.2f p99 %6.2f ms; COMMIT p50 %6.2f p99 %6.2f ms%s%n",
                    name,
                    mb / acked,
                    pct(writes, 0.5),
                    pct(writes, 0.99),
                    pct(commits, 0.5),
                    pct(commits, 0.99),
                    sustained);
        }

        void coldReads(String name, int reads, int threads) throws Exception {
            long[] latencies = new long[reads];
            AtomicLong next = new AtomicLong();
            long fetchedBefore = counting.bytesFetched.get();
            long hitsBefore = content.stats().cacheHits();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        for (long i; (i = next.getAndIncrement()) < reads; ) {
                            NodeId f = written.get(ThreadLocalRandom.current().nextInt(written.size()));
                            long offset = ThreadLocalRandom.current().nextLong(FILE / READ) * READ;
                            content.evictCache();
                            long t0 = System.nanoTime();
                            fs.read(ROOT, f, offset, READ);
                            latencies[(int) i] = System.nanoTime() - t0;
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(
                    "%-34s %d threads %7.0f IOPS; p50 %6.2f ms p99 %6.2f ms; fetched %.1f bytes per byte read"
                            + " (%d cache hits)%n",
                    name,
                    threads,
                    reads / seconds,
                    pct(latencies, 0.5),
                    pct(latencies, 0.99),
                    (double) (counting.bytesFetched.get() - fetchedBefore) / ((long) reads * READ),
                    content.stats().cacheHits() - hitsBefore);
        }

        private static double pct(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
        }

        @Override
        public void close() throws Exception {
            fs.close();
            meta.close();
            counting.close();
        }
    }
}
