package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Durable creates per second with 1, 8 and 32 committing threads: each create allocates an id,
 * puts an inode and an entry, and is a SYNC write. Not a test; run by hand:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp CLASSPATH \
 *     io.dittofs.store.metadata.rocksdb.SyncCreateBenchmark [dir] [seconds] [SYNC|DEFERRED]
 * </pre>
 *
 * {@code dir} must be on the disk to measure (not tmpfs, where fsync is free).
 */
public final class SyncCreateBenchmark {
    private SyncCreateBenchmark() {}

    private static Durability durability = Durability.SYNC;

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        durability = args.length > 2 ? Durability.valueOf(args[2]) : Durability.SYNC;
        Path dir = Files.createTempDirectory(base, "dittofs-rocksdb-bench");
        try {
            for (int threads : new int[] {1, 8, 32}) {
                run(dir.resolve("t" + threads), threads, seconds);
            }
        } finally {
            delete(dir);
        }
    }

    private static void run(Path dir, int threads, int seconds) throws Exception {
        try (RocksDbMetadataStore store = RocksDbMetadataStore.open(dir, RocksDbSettings.defaults())) {
            store.write(Durability.SYNC, w -> {
                w.putInode(Inode.builder(MetadataStore.ROOT_ID, 1, FileType.DIRECTORY)
                        .mode(0755)
                        .nlink(2)
                        .parentId(MetadataStore.ROOT_ID)
                        .build());
                return null;
            });
            createFor(store, threads, 1); // warm-up
            long syncs = store.walSyncs();
            long commits = store.commits();
            long creates = createFor(store, threads, seconds);
            syncs = store.walSyncs() - syncs;
            commits = store.commits() - commits;
            System.out.printf(
                    "%s threads=%2d creates/s=%8.0f  commits=%d walSyncs=%d commits/sync=%.1f%n",
                    durability,
                    threads,
                    creates / (double) seconds,
                    commits,
                    syncs,
                    commits / (double) Math.max(1, syncs));
        }
    }

    private static long createFor(RocksDbMetadataStore store, int threads, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (!stop.get()) {
                    store.write(durability, w -> {
                        long id = w.allocateFileId();
                        w.putInode(Inode.builder(id, 7, FileType.REGULAR)
                                .mode(0644)
                                .nlink(1)
                                .allTimes(System.nanoTime())
                                .build());
                        return w.putEntry(MetadataStore.ROOT_ID, "f" + id, id);
                    });
                    done.increment();
                }
            }));
        }
        start.countDown();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        return done.sum();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
