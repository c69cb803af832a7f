package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.ReadOnlyMetadataStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A read-only view of a {@link PostgresMetadataStore}'s schema that running DittoFS processes
 * keep changing: one REPEATABLE READ, READ ONLY transaction held open for the view's life, so
 * every read sees one snapshot of the database, taken at open. For online checks ({@code dittofs
 * fsck --online}). It applies no migrations and never writes: {@link #write} refuses, and the
 * server refuses any change in a read-only transaction anyway.
 *
 * <p>A long snapshot keeps PostgreSQL from vacuuming rows deleted after it; close it when done.
 * If its connection is lost the snapshot is gone, so a read then fails rather than retrying on a
 * newer one. Threading: thread-safe; reads run one at a time on the one connection.
 */
public final class PostgresSnapshotStore implements ReadOnlyMetadataStore {

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private PostgresSnapshotStore(Connection connection) {
        this.connection = connection;
    }

    /**
     * Connects and takes the snapshot.
     *
     * @throws PostgresStoreException when the database cannot be reached, or the schema holds no
     *     DittoFS metadata, or metadata of a newer version than this DittoFS knows
     */
    public static PostgresSnapshotStore open(PostgresSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", settings.password());
        props.setProperty("ApplicationName", "dittofs-metadata-snapshot");
        Connection c = null;
        try {
            c = DriverManager.getConnection(settings.jdbcUrl(), props);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            c.setSchema(settings.schema());
            checkVersion(c, settings.schema()); // its first query takes the snapshot
            return new PostgresSnapshotStore(c);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof SQLException s) {
                throw new PostgresStoreException(
                        "cannot open a snapshot of the metadata schema " + settings.schema(), s);
            }
            throw (RuntimeException) e;
        }
    }

    private static void checkVersion(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1)) {
                throw new PostgresStoreException("schema " + schema + " holds no DittoFS metadata");
            }
        }
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            r.next();
            int version = r.getInt(1);
            if (version > Migrations.SCRIPTS.size()) {
                throw new PostgresStoreException("schema " + schema + " is at version " + version
                        + ", newer than this DittoFS knows (" + Migrations.SCRIPTS.size() + ")");
            }
        }
    }

    @Override
    public <T> T read(ReadTransaction<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the metadata store is closed");
            }
            SqlReader reader = new SqlReader(connection);
            try {
                return work.run(reader);
            } catch (RetryableFailure e) {
                throw new PostgresStoreException("the snapshot's connection failed; open a new one", e.getCause());
            } finally {
                reader.end();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the snapshot's transaction (a rollback: it changed nothing) and disconnects. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw new PostgresStoreException("close of a metadata snapshot failed", e);
        } finally {
            lock.unlock();
        }
    }
}
