package io.dittofs.server;

import io.dittofs.server.config.BlockStoreConfig;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.MetadataStoreConfig;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import io.dittofs.store.metadata.postgres.PostgresMetadataStore;
import io.dittofs.store.metadata.postgres.PostgresSettings;
import io.dittofs.store.metadata.postgres.PostgresSnapshotStore;
import io.dittofs.store.metadata.rocksdb.RocksDbMetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbSettings;
import io.dittofs.store.metadata.rocksdb.RocksDbSnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Opens the stores a config names: the only place that knows store implementations. */
final class StoreFactory {
    private StoreFactory() {}

    static MetadataStore metadata(MetadataStoreConfig c, Path dataDir) throws ConfigException {
        return switch (c.type()) {
            case "memory" -> new MemoryMetadataStore();
            case "rocksdb" -> {
                Path dir = c.path() != null
                        ? c.path()
                        : dataDir.resolve("metadata").resolve(c.name());
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new ConfigException(
                            "metadataStores." + c.name() + ".path", "cannot create " + dir + ": " + e);
                }
                yield RocksDbMetadataStore.open(dir, RocksDbSettings.defaults());
            }
            case "postgres" -> PostgresMetadataStore.open(postgresSettings(c));
            default ->
                throw new ConfigException("metadataStores." + c.name() + ".type", "unsupported type " + c.type());
        };
    }

    /**
     * A read-only view of a durable metadata store that a running daemon may have open: one
     * consistent moment of it, never written (RocksDB: a secondary instance; PostgreSQL: a
     * REPEATABLE READ snapshot).
     */
    static MetadataStore metadataSnapshot(MetadataStoreConfig c, Path dataDir) throws ConfigException {
        return switch (c.type()) {
            case "rocksdb" ->
                RocksDbSnapshotStore.open(
                        c.path() != null
                                ? c.path()
                                : dataDir.resolve("metadata").resolve(c.name()),
                        RocksDbSettings.defaults());
            case "postgres" -> PostgresSnapshotStore.open(postgresSettings(c));
            default ->
                throw new ConfigException(
                        "metadataStores." + c.name() + ".type", "no read-only view of a " + c.type() + " store");
        };
    }

    private static PostgresSettings postgresSettings(MetadataStoreConfig c) {
        return PostgresSettings.of(
                Objects.requireNonNull(c.url()),
                c.user() == null ? "" : c.user(),
                c.password() == null ? "" : c.password(),
                c.schema() == null ? "dittofs" : c.schema());
    }

    static BlockStore blocks(BlockStoreConfig c) throws ConfigException {
        BlockStore store =
                switch (c.type()) {
                    case "memory" -> new MemoryBlockStore();
                    case "filesystem" -> new FilesystemBlockStore(Objects.requireNonNull(c.path()));
                    case "s3" -> RemoteStores.s3(c.name(), Objects.requireNonNull(c.s3()));
                    default ->
                        throw new ConfigException("blockStores." + c.name() + ".type", "unsupported type " + c.type());
                };
        return c.seal() == null ? store : RemoteStores.sealed(c.name(), store, c.seal());
    }
}
