package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.ReadOnlyMetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ReadOptions;

/**
 * A read-only view of a {@link RocksDbMetadataStore}'s database that another process (a running
 * daemon) may hold open and keep changing: a RocksDB secondary instance, opened once and never
 * caught up, so every read transaction sees the same state: the primary's committed batches as
 * of the open, each whole or not at all. For online checks ({@code dittofs fsck --online}).
 *
 * <p>It never writes to the primary's folder; writes are refused. Threading:
 * thread-safe; {@link #close} waits for running reads.
 */
public final class RocksDbSnapshotStore implements ReadOnlyMetadataStore {

    private final Database db;
    /** A scratch folder this view made for itself and deletes on close, or null. */
    private final @Nullable Path ownScratch;

    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private RocksDbSnapshotStore(Database db, @Nullable Path ownScratch) {
        this.db = db;
        this.ownScratch = ownScratch;
    }

    /**
     * Opens the database in {@code dir} read-only, with the secondary instance's log files in a
     * temporary folder of its own, deleted on {@link #close}.
     */
    public static RocksDbSnapshotStore open(Path dir, RocksDbSettings settings) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("dittofs-metadata-view-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for a read-only view", e);
        }
        try {
            return open(dir, scratch, settings, scratch);
        } catch (RuntimeException | Error e) {
            deleteTree(scratch);
            throw e;
        }
    }

    /**
     * Opens the database in {@code dir} read-only.
     *
     * @param secondaryDir an empty or scratch folder for the secondary instance's own log files
     * @throws RocksDbStoreException when there is no database there or it has another format
     */
    public static RocksDbSnapshotStore open(Path dir, Path secondaryDir, RocksDbSettings settings) {
        return open(dir, secondaryDir, settings, null);
    }

    private static RocksDbSnapshotStore open(
            Path dir, Path secondaryDir, RocksDbSettings settings, @Nullable Path ownScratch) {
        Objects.requireNonNull(settings, "settings");
        if (!Files.isDirectory(dir)) {
            throw new RocksDbStoreException("no metadata database in " + dir);
        }
        Database db = Database.openSecondary(dir, secondaryDir, settings);
        try (ReadOptions options = new ReadOptions()) {
            byte[] format = db.get(Cf.META, options, Keys.FORMAT_VERSION);
            if (format == null || format.length != Keys.ID || Keys.getLong(format, 0) != Keys.FORMAT) {
                throw new RocksDbStoreException("no metadata database of a known format in " + dir);
            }
            return new RocksDbSnapshotStore(db, ownScratch);
        } catch (RuntimeException | Error e) {
            try {
                db.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public <T> T read(ReadTransaction<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the metadata store is closed");
            }
            // No snapshot: a secondary does not support them, and needs none, as it never moves.
            try (ReadOptions options = new ReadOptions()) {
                StoreReader reader = new StoreReader(StoreReader.View.of(db, options));
                try {
                    return work.run(reader);
                } finally {
                    reader.end();
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    db.close();
                } finally {
                    if (ownScratch != null) {
                        deleteTree(ownScratch);
                    }
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Best effort: a leftover log file in the temporary folder harms nothing. */
    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // The OS cleans its temporary folder; nothing depends on this one being gone.
        }
    }
}
