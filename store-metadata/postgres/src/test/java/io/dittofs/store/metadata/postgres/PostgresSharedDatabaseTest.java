package io.dittofs.store.metadata.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one schema, as two DittoFS processes sharing a database: concurrent renames
 * (between directories in both directions, so lock orders cross), links and unlinks of shared
 * inodes (read-modify-write of their link counts), and creates in shared directories. Afterwards
 * every name is in exactly one place and every link count matches the entries pointing at it.
 */
class PostgresSharedDatabaseTest {
    /** Far above the ids the store allocates (from 2 up). */
    private static final long[] DIRS = {1L << 40, (1L << 40) + 1, (1L << 40) + 2, (1L << 40) + 3};

    private static final int NAMES = 20;
    private static final int THREADS = 8;
    private static final int OPS_PER_THREAD = 40;

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresMetadataStoreTest.startEmbedded();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void renamesLinksAndCreatesFromTwoProcessesKeepTheNamespaceConsistent() throws Exception {
        PostgresSettings settings = PostgresMetadataStoreTest.settings(postgres, "shared");
        try (PostgresMetadataStore a = PostgresMetadataStore.open(settings);
                PostgresMetadataStore b = PostgresMetadataStore.open(settings)) {
            a.write(Durability.SYNC, w -> {
                w.putInode(dir(MetadataStore.ROOT_ID));
                for (long d : DIRS) {
                    w.putInode(dir(d));
                }
                for (int i = 0; i < NAMES; i++) {
                    long id = w.allocateFileId();
                    w.putInode(Inode.builder(id, 1, FileType.REGULAR).nlink(1).build());
                    w.putEntry(DIRS[0], "n" + i, id);
                }
                return null;
            });
            PostgresMetadataStore[] stores = {a, b};
            AtomicInteger creates = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        work(stores[thread % 2], thread, creates);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            check(a, creates.get());
            assertThat(a.retries() + b.retries())
                    .as("crossing lock orders are resolved by a bounded wait and a retry, rarely")
                    .isLessThan(THREADS * OPS_PER_THREAD);
        }
    }

    private static void work(MetadataStore store, int thread, AtomicInteger creates) {
        Random random = new Random(thread);
        List<String> myLinks = new ArrayList<>();
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            String name = "n" + random.nextInt(NAMES);
            long to = DIRS[random.nextInt(DIRS.length)];
            switch (random.nextInt(4)) {
                case 0 ->
                    store.write(Durability.SYNC, w -> {
                        DirEntry e = find(w, name);
                        if (e.dirId() != to) {
                            w.removeEntry(e.dirId(), name);
                            w.putEntry(to, name, e.childId());
                        }
                        return null;
                    });
                case 1 -> {
                    String link = "l" + thread + "-" + i;
                    store.write(Durability.SYNC, w -> {
                        DirEntry e = find(w, name);
                        Inode target = w.inode(e.childId()).orElseThrow();
                        w.putEntry(to, link, target.fileId());
                        w.putInode(target.toBuilder().nlink(target.nlink() + 1).build());
                        return null;
                    });
                    myLinks.add(to + "/" + link);
                }
                case 2 -> {
                    if (!myLinks.isEmpty()) {
                        String[] link =
                                myLinks.remove(random.nextInt(myLinks.size())).split("/");
                        store.write(Durability.SYNC, w -> {
                            long dir = Long.parseLong(link[0]);
                            DirEntry e = w.entry(dir, link[1]).orElseThrow();
                            Inode target = w.inode(e.childId()).orElseThrow();
                            w.removeEntry(dir, link[1]);
                            w.putInode(
                                    target.toBuilder().nlink(target.nlink() - 1).build());
                            return null;
                        });
                    }
                }
                default -> {
                    String created = "c" + thread + "-" + i;
                    store.write(Durability.SYNC, w -> {
                        long id = w.allocateFileId();
                        w.putInode(
                                Inode.builder(id, 1, FileType.REGULAR).nlink(1).build());
                        w.putEntry(to, created, id);
                        Inode parent = w.inode(to).orElseThrow();
                        w.putInode(
                                parent.toBuilder().change(parent.change() + 1).build());
                        return null;
                    });
                    creates.incrementAndGet();
                }
            }
        }
    }

    /** The one directory holding {@code name}, looked up in the order the directories are numbered. */
    private static DirEntry find(MetadataWriter w, String name) {
        for (long d : DIRS) {
            var e = w.entry(d, name);
            if (e.isPresent()) {
                return e.get();
            }
        }
        throw new AssertionError(name + " is in no directory");
    }

    private static void check(MetadataStore store, int creates) {
        store.read(r -> {
            Map<Long, Integer> links = new HashMap<>();
            Map<String, Integer> places = new HashMap<>();
            int created = 0;
            long changes = 0;
            for (long d : DIRS) {
                DirPage page = r.list(d, 0, 100_000);
                assertThat(page.eof()).isTrue();
                assertThat(page.entries()).extracting(DirEntry::cookie).doesNotHaveDuplicates();
                for (DirEntry e : page.entries()) {
                    links.merge(e.childId(), 1, Integer::sum);
                    places.merge(e.name(), 1, Integer::sum);
                    created += e.name().startsWith("c") ? 1 : 0;
                }
                changes += r.inode(d).orElseThrow().change();
            }
            for (int i = 0; i < NAMES; i++) {
                assertThat(places.get("n" + i))
                        .as("n%d is in exactly one directory", i)
                        .isEqualTo(1);
            }
            assertThat(created).as("every create is there").isEqualTo(creates);
            assertThat(changes).as("no parent update was lost").isEqualTo(creates);
            links.forEach((id, count) -> assertThat(r.inode(id).orElseThrow().nlink())
                    .as("link count of %d", id)
                    .isEqualTo(count));
            return null;
        });
    }

    private static Inode dir(long id) {
        return Inode.builder(id, 1, FileType.DIRECTORY)
                .mode(0755)
                .nlink(2)
                .parentId(MetadataStore.ROOT_ID)
                .build();
    }
}
