package io.dittofs.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.PipelineStats;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fsck.Fsck;
import io.dittofs.runtime.share.Shares;
import io.dittofs.server.ServerStores;
import io.dittofs.server.config.S3Config;
import io.dittofs.server.config.SealConfig;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.testkit.CountingBlockStore;
import io.dittofs.store.block.testkit.S3ProxyServer;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 7, outage against a real S3 server through the whole pipeline: the share's remote is an
 * S3 store on S3Proxy (a separate process), sealed (zstd + AES-256-GCM) exactly as the daemon
 * builds it from config. The S3 server is stopped while a workload writes and commits files one
 * after another; the commits keep being acknowledged while it is down (so none waited on S3);
 * after it restarts, the syncer drains the write log on its own, and with the local cache gone
 * every byte reads back from S3. fsck then finds nothing wrong.
 */
class S3OutageTest {
    private static final Logger log = LoggerFactory.getLogger(S3OutageTest.class);
    private static final long FILE = 1L << 20;
    private static final String BUCKET = "dittofs";

    @TempDir
    Path scratch;

    /** One file of the workload: its stream seed, and when its COMMIT returned. */
    private record Acked(NodeId file, long seed, long ackedNanos, long latencyNanos) {}

    @Test
    void commitsAreAcknowledgedWhileS3IsDownAndEveryByteReadsBackFromS3AfterItsRestart() throws Exception {
        Path local = scratch.resolve("local");
        MemoryMetadataStore meta = new MemoryMetadataStore();
        ContentSettings settings = ContentSettings.DEFAULTS
                .withLocalDir(local)
                .withRollup(Duration.ZERO, 1 << 20)
                .withUploadRetryFor(Duration.ofSeconds(2));
        try (S3ProxyServer s3 = S3ProxyServer.start(scratch.resolve("s3proxy"))) {
            s3.createBucket(BUCKET);
            S3Config s3Config = new S3Config(
                    s3.endpoint().toString(),
                    s3.region(),
                    BUCKET,
                    null,
                    true,
                    s3.accessKey(),
                    s3.secretKey(),
                    false,
                    null,
                    null,
                    null);
            CountingBlockStore counting = new CountingBlockStore(ServerStores.s3("remote", s3Config));
            // Defaults: zstd level 3, AES-256-GCM under the key file (made here), 64 KiB frames.
            try (BlockStore remote = ServerStores.sealed(
                    "remote", counting, new SealConfig(null, null, null, scratch.resolve("kek"), null))) {
                run(s3, meta, remote, counting, settings, local);
            }
        }
    }

    /** The workload with the outage in its middle, then the checks. */
    private static void run(
            S3ProxyServer s3,
            MemoryMetadataStore meta,
            BlockStore remote,
            CountingBlockStore counting,
            ContentSettings settings,
            Path local)
            throws Exception {
        List<Acked> acked = new CopyOnWriteArrayList<>();
        long stoppedAt;
        long restartedAt;
        try (PipelineShare share = new PipelineShare(meta, remote, settings)) {
            PipelineStats stats = share.content().stats();
            AtomicBoolean stop = new AtomicBoolean();
            try (var writer = java.util.concurrent.Executors.newSingleThreadExecutor()) {
                Future<?> workload = writer.submit(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        long t0 = System.nanoTime();
                        NodeId f = share.create("f" + i);
                        share.writeAndCommit(f, i, FILE);
                        long t1 = System.nanoTime();
                        acked.add(new Acked(f, i, t1, t1 - t0));
                        Thread.sleep(100);
                    }
                    return null;
                });
                try {
                    await("files synced before the outage", 60, () -> stats.uploadedChunks() > 0 && acked.size() >= 3);

                    s3.stop();
                    stoppedAt = System.nanoTime();
                    long failuresBefore = stats.uploadRetries() + stats.failedRollups();
                    await(
                            "the syncer meets the outage",
                            60,
                            () -> stats.uploadRetries() + stats.failedRollups() > failuresBefore);
                    Thread.sleep(5000); // the outage lasts a few seconds more, the workload going on
                    restartedAt = System.nanoTime();
                    s3.restart();

                    int afterRestart = acked.size() + 3;
                    await("the workload goes on after the restart", 60, () -> acked.size() >= afterRestart);
                } finally {
                    stop.set(true);
                }
                workload.get(60, TimeUnit.SECONDS);
            }
            List<Acked> during = acked.stream()
                    .filter(a -> a.ackedNanos() > stoppedAt && a.ackedNanos() < restartedAt)
                    .toList();
            log.info(
                    "S3 down {} ms: {} files of {} MiB committed meanwhile (slowest write+commit {} ms, over the"
                            + " whole run {} ms); {} upload retries, {} failed rollups; {} bytes in the log",
                    TimeUnit.NANOSECONDS.toMillis(restartedAt - stoppedAt),
                    during.size(),
                    FILE >> 20,
                    TimeUnit.NANOSECONDS.toMillis(slowest(during)),
                    TimeUnit.NANOSECONDS.toMillis(slowest(acked)),
                    stats.uploadRetries(),
                    stats.failedRollups(),
                    share.content().logBytes());
            assertThat(during)
                    .as("commits acknowledged while S3 was down: none of them waited for S3")
                    .hasSizeGreaterThanOrEqualTo(2);

            await(
                    "the syncer drains the write log",
                    180,
                    () -> share.content().pendingFiles() == 0 && share.content().logBytes() == 0);
            assertThat(stats.uploadFailures())
                    .as("uploads given up during the outage")
                    .isPositive();
        }

        deleteTree(local.resolve("cache"));
        int getsBefore = counting.gets.get() + counting.rangedGets.get();
        try (PipelineShare again = new PipelineShare(meta, remote, settings)) {
            for (Acked a : acked) {
                assertThat(again.holds(a.file(), a.seed(), FILE))
                        .as("file %d reads back from S3", a.seed())
                        .isTrue();
            }
            assertThat(again.content().stats().cacheMisses())
                    .as("chunks fetched from S3")
                    .isPositive();
        }
        assertThat(counting.gets.get() + counting.rangedGets.get() - getsBefore)
                .as("S3 GETs for the reads")
                .isPositive();
        List<Object> findings = new ArrayList<>();
        new Fsck(meta, remote, Shares.contentPrefix(PipelineShare.NAME), Clock.systemUTC()).check(findings::add);
        assertThat(findings).isEmpty();
        assertEveryObjectIsSealed(s3.dataDirectory().resolve(BUCKET));
    }

    private static long slowest(List<Acked> acked) {
        return acked.stream().mapToLong(Acked::latencyNanos).max().orElse(0);
    }

    private static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as(what + " within " + seconds + " s")
                    .isNegative();
            Thread.sleep(100);
        }
    }

    /** Every object S3 holds starts with the sealed format's magic: nothing went up in the clear. */
    private static void assertEveryObjectIsSealed(Path bucket) throws IOException {
        List<Path> objects;
        try (Stream<Path> s = Files.walk(bucket)) {
            objects = s.filter(Files::isRegularFile).toList();
        }
        assertThat(objects).isNotEmpty();
        for (Path p : objects) {
            byte[] magic = new byte[4];
            try (InputStream in = Files.newInputStream(p)) {
                assertThat(in.readNBytes(magic, 0, 4)).isEqualTo(4);
            }
            assertThat(new String(magic, StandardCharsets.US_ASCII))
                    .as(p.toString())
                    .isEqualTo("DFSF");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
