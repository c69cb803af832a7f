package io.dittofs.benchmarks;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import io.dittofs.store.metadata.postgres.PostgresMetadataStore;
import io.dittofs.store.metadata.postgres.PostgresSettings;
import io.dittofs.store.metadata.rocksdb.RocksDbMetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A share over one metadata store (memory, RocksDB in a temporary folder, or a PostgreSQL server
 * started for the trial) with its content in memory, so that only metadata is measured.
 */
final class BenchShare implements AutoCloseable {
    static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);
    static final SetAttributes FILE_MODE = SetAttributes.mode(0644);

    final FileSystem fs;
    private final MetadataStore meta;
    private final @Nullable EmbeddedPostgres postgres;
    private final @Nullable Path dir;

    private BenchShare(MetadataStore meta, @Nullable EmbeddedPostgres postgres, @Nullable Path dir) {
        this.meta = meta;
        this.postgres = postgres;
        this.dir = dir;
        this.fs = Shares.open(
                        "bench",
                        ShareOptions.DEFAULTS,
                        meta,
                        new MemoryBlockStore(),
                        ContentSettings.DEFAULTS,
                        Clock.systemUTC())
                .fileSystem();
    }

    static BenchShare open(String store) throws IOException {
        return switch (store) {
            case "memory" -> new BenchShare(new MemoryMetadataStore(), null, null);
            case "rocksdb" -> {
                Path dir = Files.createTempDirectory("dittofs-bench-rocksdb");
                yield new BenchShare(RocksDbMetadataStore.open(dir, RocksDbSettings.defaults()), null, dir);
            }
            case "postgres" -> {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .start();
                yield new BenchShare(
                        PostgresMetadataStore.open(
                                PostgresSettings.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "bench")),
                        pg,
                        null);
            }
            default -> throw new IllegalArgumentException("unknown store " + store);
        };
    }

    NodeId mkdir(NodeId parent, String name) {
        return fs.createDirectory(ROOT, parent, name, SetAttributes.mode(0755))
                .created()
                .id();
    }

    /**
     * Creates {@code names} in {@code dir}, from 16 threads on RocksDB so that they share commits.
     * On PostgreSQL from one: every create in a directory updates the directory's row, and 16
     * at once exhaust the store's serialization-failure retries.
     */
    NodeId[] createAll(NodeId dir, String[] names) throws Exception {
        NodeId[] ids = new NodeId[names.length];
        int threads = postgres == null ? 16 : 1;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            Future<?>[] done = new Future<?>[threads];
            for (int t = 0; t < done.length; t++) {
                int first = t;
                done[t] = pool.submit(() -> {
                    for (int i = first; i < names.length; i += threads) {
                        ids[i] = fs.createFile(ROOT, dir, names[i], FILE_MODE, CreateMode.GUARDED)
                                .created()
                                .id();
                    }
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return ids;
    }

    @Override
    public void close() throws IOException {
        fs.close();
        meta.close();
        if (postgres != null) {
            postgres.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
