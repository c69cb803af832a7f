package io.dittofs.store.metadata.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.PackRecord;
import io.dittofs.store.metadata.testkit.MetadataStoreConformanceTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conformance suite against a real PostgreSQL 18, started once for the class. */
class PostgresMetadataStoreTest extends MetadataStoreConformanceTest {

    static EmbeddedPostgres postgres;
    /** One schema per test directory, so reopen finds the same data and tests stay apart. */
    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = startEmbedded();
    }

    static EmbeddedPostgres startEmbedded() throws Exception {
        return EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static PostgresSettings settings(EmbeddedPostgres pg, String schema) {
        return new PostgresSettings(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", schema, 40, 1000);
    }

    @Override
    protected MetadataStore open(Path dir) {
        String schema = SCHEMAS.computeIfAbsent(
                dir, d -> "t_" + HexFormat.of().toHexDigits(d.hashCode()) + "_" + SCHEMAS.size());
        return PostgresMetadataStore.open(settings(postgres, schema));
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    private PostgresMetadataStore pg() {
        return (PostgresMetadataStore) store;
    }

    @Test
    void reopeningAppliesNoMigrationTwice() throws Exception {
        reopen();
        reopen();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + SCHEMAS.get(scratch) + ".schema_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(Migrations.SCRIPTS.size());
        }
    }

    @Test
    void aSchemaAtVersion3UpgradesAndItsChunkRowsReadAsWholeObjects() throws Exception {
        String schema = "upgrade_from_v3";
        String id = "cd".repeat(32);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            s.execute("CREATE TABLE schema_version (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            for (int v = 1; v <= 3; v++) {
                try (var in = Migrations.class.getResourceAsStream(Migrations.SCRIPTS.get(v - 1))) {
                    s.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
                s.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
            }
            s.execute("INSERT INTO chunks (chunk_id, object_key, length, ref_count, unreferenced_since)" + " VALUES ('"
                    + id + "', 's1/c/cd/" + id + ".1', 4096, 2, 0)");
        }
        try (PostgresMetadataStore upgraded = PostgresMetadataStore.open(settings(postgres, schema))) {
            java.util.Optional<ChunkRecord> c = upgraded.read(r -> r.chunk(id));
            assertThat(c).contains(new ChunkRecord(id, "s1/c/cd/" + id + ".1", 4096, 2, 0));
            assertThat(c.orElseThrow().packed()).isFalse();
            java.util.List<PackRecord> packs = upgraded.read(r -> r.packs("", 10));
            assertThat(packs).isEmpty();
        }
    }

    @Test
    void concurrentCreatesInOneDirectoryQueueWithoutRetries() throws Exception {
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(MetadataStore.ROOT_ID, MetadataStore.ROOT_ID));
            return null;
        });
        int threads = 16;
        int perThread = 25;
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                String name = "t" + t + "-" + i;
                store.write(Durability.SYNC, w -> {
                    long id = w.allocateFileId();
                    w.putInode(file(id));
                    return w.putEntry(MetadataStore.ROOT_ID, name, id);
                });
            }
        });
        var all = page(MetadataStore.ROOT_ID, 0, 1000).entries();
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).extracting(DirEntry::cookie).isSorted().doesNotHaveDuplicates();
        assertThat(pg().retries())
                .as("creates in one directory wait for the directory's lock")
                .isZero();
    }

    @Test
    void syncSharesOneFlushAndSkipsItWhenNothingIsDeferred() {
        store.sync();
        assertThat(pg().syncFlushes()).isZero();
        store.write(Durability.DEFERRED, w -> w.removeEntry(5, "x")); // changes nothing: nothing to sync
        store.write(Durability.DEFERRED, w -> {
            w.putInode(file(w.allocateFileId()));
            return null;
        });
        store.sync();
        store.sync();
        assertThat(pg().syncFlushes()).isEqualTo(1);
    }

    @Test
    void namesPostgresCannotHoldAreRefused() {
        assertThatThrownBy(() -> store.write(Durability.SYNC, w -> w.putEntry(1, "a\u0000b", 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entryOf(1, "a\uD800")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transactionsSurviveTheServerDroppingEveryConnection() throws Exception {
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(MetadataStore.ROOT_ID, MetadataStore.ROOT_ID));
            return null;
        });
        assertThat(inodeOf(MetadataStore.ROOT_ID)).isPresent();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name LIKE 'dittofs-metadata-%'")) {
            r.next();
            assertThat(r.getInt(1)).isPositive();
        }
        assertThat(inodeOf(MetadataStore.ROOT_ID)).as("a read after the loss").isPresent();
        DirEntry e = store.write(Durability.SYNC, w -> {
            long id = w.allocateFileId();
            w.putInode(file(id));
            return w.putEntry(MetadataStore.ROOT_ID, "after", id);
        });
        assertThat(entryOf(MetadataStore.ROOT_ID, "after")).contains(e);
    }

    @Test
    void twoStoresOnOneSchemaMoveEntriesWithoutLosingAny() throws Exception {
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(MetadataStore.ROOT_ID, MetadataStore.ROOT_ID));
            w.putInode(dir(100, MetadataStore.ROOT_ID));
            w.putInode(dir(101, MetadataStore.ROOT_ID));
            for (int i = 0; i < 20; i++) {
                long id = w.allocateFileId();
                w.putInode(file(id));
                w.putEntry(100, "n" + i, id);
            }
            return null;
        });
        try (MetadataStore other = open(scratch)) {
            MetadataStore[] stores = {store, other};
            runConcurrently(6, t -> {
                MetadataStore s = stores[t % 2];
                for (int i = 0; i < 60; i++) {
                    String name = "n" + ((t * 7 + i) % 20);
                    s.write(Durability.DEFERRED, w -> {
                        long from = w.entry(100, name).isPresent() ? 100 : 101;
                        long to = from == 100 ? 101 : 100;
                        DirEntry moved = w.entry(from, name).orElseThrow();
                        w.removeEntry(from, name);
                        w.putEntry(to, name, moved.childId());
                        return null;
                    });
                }
            });
        }
        int total =
                page(100, 0, 100).entries().size() + page(101, 0, 100).entries().size();
        assertThat(total).isEqualTo(20);
    }
}
