package io.dittofs.store.metadata.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database server stops (fast shutdown: every connection is terminated) and starts again on
 * the same data while writers are busy. Transactions cut off before their commit are run again
 * on new connections; a commit cut off in flight is reported as such (outcome unknown), never
 * retried blindly; every acknowledged write is there afterwards and the writers carry on.
 */
class PostgresRestartTest {

    @TempDir
    Path data;

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .start();
    }

    @Test
    void writersRideOutADatabaseRestartAndLoseNoAcknowledgedWrite() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(port);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new ArrayList<>();
        AtomicBoolean restarted = new AtomicBoolean();
        Set<String> afterRestart = ConcurrentHashMap.newKeySet();
        try (PostgresMetadataStore store =
                PostgresMetadataStore.open(PostgresMetadataStoreTest.settings(pg, "restart"))) {
            store.write(Durability.SYNC, w -> {
                w.putInode(Inode.builder(MetadataStore.ROOT_ID, 1, FileType.DIRECTORY)
                        .nlink(2)
                        .parentId(MetadataStore.ROOT_ID)
                        .build());
                return null;
            });
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = "t" + thread + "-" + i;
                        boolean afterTheRestart = restarted.get();
                        try {
                            store.write(Durability.SYNC, w -> {
                                long id = w.allocateFileId();
                                w.putInode(Inode.builder(id, 1, FileType.REGULAR)
                                        .nlink(1)
                                        .build());
                                return w.putEntry(MetadataStore.ROOT_ID, name, id);
                            });
                            acknowledged.add(name);
                            if (afterTheRestart) {
                                afterRestart.add(name);
                            }
                        } catch (PostgresStoreException e) {
                            if (e.getMessage().contains("outcome unknown")) {
                                unknown.add(name);
                            } else {
                                synchronized (failures) {
                                    failures.add(e);
                                }
                            }
                        }
                    }
                }));
            }
            Thread.sleep(500);
            int before = acknowledged.size();
            pg.close(); // pg_ctl stop -m fast
            Thread.sleep(300);
            pg = start(port);
            restarted.set(true);
            Thread.sleep(1500);
            stop.set(true);
            for (Thread w : writers) {
                w.join(60_000);
            }
            assertThat(before).as("writes before the restart").isPositive();
            assertThat(failures).as("failures other than an in-flight commit").isEmpty();
            assertThat(store.retries())
                    .as("transactions cut off before their commit ran again")
                    .isPositive();
            assertThat(afterRestart).as("writes acknowledged after the restart").isNotEmpty();
            List<String> present = new ArrayList<>();
            store.read(r -> {
                r.list(MetadataStore.ROOT_ID, 0, 1_000_000).entries().forEach(e -> present.add(e.name()));
                return null;
            });
            assertThat(present).containsAll(acknowledged);
            assertThat(present).allMatch(n -> acknowledged.contains(n) || unknown.contains(n));
        } finally {
            pg.close();
        }
    }
}
