package io.dittofs.bench.pipeline;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.Codecs;
import io.dittofs.store.block.pipeline.seal.FrameLocation;
import io.dittofs.store.block.pipeline.seal.SealingBlockStore;
import io.dittofs.store.block.s3.S3BlockStore;
import io.dittofs.store.block.s3.S3Credentials;
import io.dittofs.store.block.s3.S3Settings;
import io.dittofs.store.block.testkit.CountingBlockStore;
import io.dittofs.store.block.testkit.S3ProxyServer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end figures of the sealed remote (not a unit test, prints figures): sustained put
 * throughput through {@link SealingBlockStore} (zstd 3 + AES-256-GCM, 64 KiB frames) into the
 * filesystem store and into S3 (S3Proxy, filesystem backend, a local process), then cold random
 * 4 KiB reads (nothing cached above the remote): IOPS, p50/p99 latency and remote bytes fetched per
 * byte read, both as a plain ranged get (index probe + covering frame: two remote reads) and as
 * a chunk read with its frame location known (one ranged GET, as the chunk index will do).
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.dittofs.bench.pipeline.SealedRemoteMeasure [MiB to write, default 256] [threads, default 2] [reads, default 4000]
 * </pre>
 */
public final class SealedRemoteMeasure {
    private static final int OBJECT = 4 * BenchData.MIB;
    private static final int READ = 4096;

    private SealedRemoteMeasure() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int reads = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        Path dir = Files.createTempDirectory("dittofs-e2e");
        byte[] text = BenchData.make("text");
        byte[] random = BenchData.make("random");
        System.out.printf(
                "sealed remote: zstd 3 + AES-256-GCM, 64 KiB frames, %d MiB per run in %d MiB objects, %d threads,"
                        + " %d cores%n",
                mib, OBJECT >> 20, threads, Runtime.getRuntime().availableProcessors());
        EnvelopeCipher cipher =
                new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("kek")), AeadAlgorithm.AES_256_GCM);
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3proxy"))) {
            s3.createBucket("bench");
            for (String remote : List.of("filesystem", "s3")) {
                for (String kind : List.of("text", "random")) {
                    CountingBlockStore counting = new CountingBlockStore(
                            remote.equals("s3")
                                    ? s3Store(s3, kind)
                                    : new FilesystemBlockStore(Files.createDirectories(dir.resolve("fs-" + kind))));
                    try (SealingBlockStore store = new SealingBlockStore(
                            counting,
                            new ChunkCompressor(Codecs.zstd(3)),
                            cipher,
                            SealingBlockStore.DEFAULT_FRAME_SIZE)) {
                        int objects = Math.max(1, mib * BenchData.MIB / OBJECT);
                        measure(
                                remote + ", " + kind,
                                store,
                                counting,
                                kind.equals("text") ? text : random,
                                objects,
                                threads,
                                reads);
                    }
                }
            }
        }
    }

    /** A store in S3Proxy's bucket "bench", under {@code prefix/}. */
    static BlockStore s3Store(S3ProxyServer s3, String prefix) {
        return new S3BlockStore(S3Settings.builder(s3.endpoint(), s3.region(), "bench")
                .credentials(new S3Credentials(s3.accessKey(), s3.secretKey()))
                .prefix(prefix + "/")
                .build());
    }

    private static void measure(
            String name,
            SealingBlockStore store,
            CountingBlockStore remote,
            byte[] data,
            int objects,
            int threads,
            int reads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                int n = i;
                puts.add(pool.submit(() -> store.put(
                        "obj/" + n, ByteBuffer.wrap(data, (n * OBJECT) % (data.length - OBJECT + 1), OBJECT))));
            }
            for (Future<?> f : puts) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double mibWritten = (double) objects * OBJECT / BenchData.MIB;
            System.out.printf(
                    "%-20s put   %8.1f MiB/s  (%d MiB in %.1f s; stored %.2f bytes per byte)%n",
                    name,
                    mibWritten / seconds,
                    (long) mibWritten,
                    seconds,
                    (double) remote.bytesPut.get() / ((long) objects * OBJECT));
            List<List<FrameLocation>> frames = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                frames.add(store.frames("obj/" + i).orElseThrow());
            }
            readRun(name + " get  ", pool, threads, reads, remote, () -> {
                int obj = ThreadLocalRandom.current().nextInt(objects);
                long offset = ThreadLocalRandom.current().nextLong(OBJECT / READ) * READ;
                store.get("obj/" + obj, offset, READ).orElseThrow();
            });
            readRun(name + " frame", pool, threads, reads, remote, () -> {
                int obj = ThreadLocalRandom.current().nextInt(objects);
                List<FrameLocation> f = frames.get(obj);
                store.readFrame("obj/" + obj, f.get(ThreadLocalRandom.current().nextInt(f.size())))
                        .orElseThrow();
            });
        } finally {
            pool.shutdown();
        }
    }

    private static void readRun(
            String name, ExecutorService pool, int threads, int reads, CountingBlockStore remote, Runnable read)
            throws Exception {
        long[] latencies = new long[reads];
        AtomicLong next = new AtomicLong();
        remote.bytesFetched.set(0);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (long i; (i = next.getAndIncrement()) < reads; ) {
                    long t0 = System.nanoTime();
                    read.run();
                    latencies[(int) i] = System.nanoTime() - t0;
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
                "%-26s %7.0f IOPS  p50 %6.2f ms  p99 %6.2f ms  fetched %.1f bytes per byte read%n",
                name,
                reads / seconds,
                latencies[reads / 2] / 1e6,
                latencies[(int) (reads * 0.99)] / 1e6,
                (double) remote.bytesFetched.get() / ((long) reads * READ));
    }
}
