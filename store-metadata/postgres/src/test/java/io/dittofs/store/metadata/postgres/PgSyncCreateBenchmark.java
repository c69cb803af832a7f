package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durable (SYNC) creates per second against a local PostgreSQL 18 with fsync on, with 1, 8 and 32
 * committing threads, each creating in its own directory; also prints WAL fsyncs from {@code
 * pg_stat_io} to show commits sharing them. Not a test; run by hand with the test classpath:
 * {@code PgSyncCreateBenchmark [seconds] [commit_delay in µs] [own|same]}: with {@code same}, every
 * thread creates in one shared directory (they queue on its lock).
 */
public final class PgSyncCreateBenchmark {
    private PgSyncCreateBenchmark() {}

    /** Above every id the store allocates (from 2 up), so no created file replaces a directory. */
    private static final long FIRST_DIR = 1L << 40;

    private static boolean sameDirectory;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String commitDelay = args.length > 1 ? args[1] : "0";
        sameDirectory = args.length > 2 && args[2].equals("same");
        System.out.println(sameDirectory ? "all threads in one directory" : "each thread in its own directory");
        System.out.println("commit_delay=" + commitDelay + " us");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("commit_delay", commitDelay)
                .start()) {
            for (int threads : new int[] {1, 8, 32}) {
                run(pg, threads, seconds);
            }
        }
    }

    private static void run(EmbeddedPostgres pg, int threads, int seconds) throws Exception {
        long[] before;
        long creates;
        long retries;
        try (PostgresMetadataStore store =
                PostgresMetadataStore.open(PostgresMetadataStoreTest.settings(pg, "bench_" + threads))) {
            store.write(Durability.SYNC, w -> {
                w.putInode(dir(MetadataStore.ROOT_ID));
                for (int t = 0; t < threads; t++) {
                    w.putInode(dir(FIRST_DIR + t));
                }
                return null;
            });
            createFor(store, threads, 1); // warm-up
            before = walStats(pg);
            long retriesBefore = store.retries();
            creates = createFor(store, threads, seconds);
            retries = store.retries() - retriesBefore;
        }
        Thread.sleep(500); // the pool's backends have exited and flushed their statistics
        long[] after = walStats(pg);
        long fsyncs = after[0] - before[0];
        System.out.printf(
                "threads=%2d creates/s=%7.0f  creates=%d walFsyncs=%d creates/fsync=%.1f retries=%d%n",
                threads, creates / (double) seconds, creates, fsyncs, creates / (double) Math.max(1, fsyncs), retries);
    }

    private static Inode dir(long id) {
        return Inode.builder(id, 1, FileType.DIRECTORY)
                .mode(0755)
                .nlink(2)
                .parentId(MetadataStore.ROOT_ID)
                .build();
    }

    /** WAL fsyncs so far, as {@code pg_stat_io} counts them. */
    private static long[] walStats(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io WHERE object = 'wal'")) {
            r.next();
            return new long[] {r.getLong(1)};
        }
    }

    private static long createFor(PostgresMetadataStore store, int threads, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long dirId = FIRST_DIR + (sameDirectory ? 0 : t);
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (!stop.get()) {
                    store.write(Durability.SYNC, w -> {
                        long id = w.allocateFileId();
                        w.putInode(Inode.builder(id, 7, FileType.REGULAR)
                                .mode(0644)
                                .nlink(1)
                                .build());
                        return w.putEntry(dirId, "f" + id, id);
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
}
