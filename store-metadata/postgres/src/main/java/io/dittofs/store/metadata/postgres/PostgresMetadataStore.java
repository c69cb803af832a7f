package io.dittofs.store.metadata.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.support.GroupCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link MetadataStore} in a PostgreSQL schema: the store for DittoFS processes that share one
 * database.
 *
 * <h2>Schema</h2>
 *
 * Versioned migrations ({@link Migrations}, {@code V1__initial.sql}) create {@code inodes} (one
 * row per inode), {@code entries} (primary key {@code (dir_id, name)} for lookups, a covering
 * index on {@code (dir_id, cookie)} for readdir, an index on {@code (dir_id, folded, cookie)} for
 * case-insensitive lookups), {@code directories} (each directory's next cookie), the sequence
 * {@code file_ids} (starts at 2; 1 is the root's) and {@code sync_marker}; {@code
 * V2__xattrs_and_state.sql} adds {@code xattrs} and {@code state_records}; {@code
 * V3__content_index.sql} the content map and chunk index; {@code V4__packs.sql} the chunks'
 * places in packs and {@code content_packs}.
 *
 * <h2>Isolation</h2>
 *
 * Write transactions run at READ COMMITTED under strict two-phase locking: before a transaction
 * reads or changes an inode, its extended attributes or (for a directory) its entries, it takes a
 * transaction-scoped advisory lock on that file id, and keeps it until it ends ({@link
 * TransactionLocks}). Because every statement after a lock sees the latest committed rows, and
 * nobody else can change what it locked, write transactions are serializable, across every
 * process sharing the database: rename and link are atomic, two creates of one name never both
 * succeed, an emptied directory cannot gain an entry while it is removed. Contending
 * transactions queue on the lock instead of failing: creates in one directory run one after
 * another without retries (under SERIALIZABLE, 16 threads creating in one directory exhausted
 * 100 retries). A lock wait by a transaction that already holds a lock is bounded (a possible
 * deadlock) and rolls back and retries with a short random backoff, up to {@link
 * PostgresSettings#maxAttempts} attempts. Scans ({@code inodes}, {@code inodeCount}) take no
 * locks. Read transactions run at REPEATABLE READ, READ ONLY: one snapshot, never half of a
 * transaction. Writers and readers use separate pools, so the isolation level is set once per
 * connection rather than per transaction.
 *
 * <h2>Durability and group commit</h2>
 *
 * Every write transaction commits with {@code synchronous_commit = off} (set once per writer
 * connection): its commit record is in the WAL buffers and its locks are released at once, before
 * any fsync. A SYNC transaction then waits in {@link GroupCommit} for a flush that began after its
 * commit: one synchronous commit of this store's own {@code sync_marker} row, which flushes the
 * WAL up to it and so every commit before it (the WAL is flushed as a prefix), shared by every
 * committer waiting at the time. This is the RocksDB store's scheme, and for the same reason:
 * committers that queue on a lock (creates in one directory) no longer hold it through an fsync
 * each, so they share fsyncs too. DEFERRED transactions are made durable by the next such flush
 * ({@link #sync()}, or a SYNC transaction). As with RocksDB, readers may see a SYNC transaction's
 * changes a moment before they are durable; a crash in that moment loses them, never a change
 * whose {@code write} had returned. Each store has its own marker row, so flushes of several
 * processes do not queue on one row. A SYNC transaction that is the store's only one running
 * commits synchronously instead (one commit rather than two; nobody would share its flush).
 *
 * <h2>Failures</h2>
 *
 * A lost connection or a restarting server (SQLSTATE class 08, 57P01–57P03) before the commit is
 * sent rolls the transaction back on the server, so the store runs it again on a fresh connection
 * (up to 10 attempts, backing off to ~100 ms). A connection lost during the commit leaves the
 * outcome unknown: that is reported as a {@link PostgresStoreException}, never retried. Every
 * other failure is a {@link PostgresStoreException} naming the operation, with the SQLSTATE.
 *
 * <p>{@code inodeCount} is a {@code count(*)}: linear in the inodes, fine for statistics, not for
 * a hot path.
 *
 * <h2>Threading</h2>
 *
 * Thread-safe; each transaction holds one pooled connection while its work runs. Work must not
 * keep its reader or writer after it returns.
 */
public final class PostgresMetadataStore implements MetadataStore {

    private final PostgresSettings settings;
    private final HikariDataSource writers;
    private final HikariDataSource readers;
    private final GroupCommit groupSync = new GroupCommit(this::flush);
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    /** Write transactions of this store between their start and their commit. */
    private final AtomicInteger writesRunning = new AtomicInteger();
    /** This store's row in {@code sync_marker} (a random id; row 1 is the schema's own). */
    private final int markerId = ThreadLocalRandom.current().nextInt(2, Integer.MAX_VALUE);

    private PostgresMetadataStore(PostgresSettings settings, HikariDataSource writers, HikariDataSource readers) {
        this.settings = settings;
        this.writers = writers;
        this.readers = readers;
    }

    /**
     * Connects, applies pending migrations and returns the store.
     *
     * @throws PostgresStoreException when the database cannot be reached or migrated
     */
    public static PostgresMetadataStore open(PostgresSettings settings) {
        Objects.requireNonNull(settings, "settings");
        HikariDataSource writers = null;
        HikariDataSource readers = null;
        try {
            writers = pool(settings, "writers", "TRANSACTION_READ_COMMITTED", false);
            try (Connection c = writers.getConnection()) {
                checkEncoding(c);
                Migrations.apply(c, settings.schema());
            }
            readers = pool(settings, "readers", "TRANSACTION_REPEATABLE_READ", true);
            return new PostgresMetadataStore(settings, writers, readers);
        } catch (SQLException | RuntimeException e) {
            if (readers != null) {
                readers.close();
            }
            if (writers != null) {
                writers.close();
            }
            if (e instanceof SQLException s) {
                throw new PostgresStoreException("cannot open the metadata schema " + settings.schema(), s);
            }
            throw (RuntimeException) e;
        }
    }

    private static HikariDataSource pool(PostgresSettings settings, String role, String isolation, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dittofs-metadata-" + settings.schema() + "-" + role);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setSchema(settings.schema());
        config.setAutoCommit(false);
        config.setTransactionIsolation(isolation);
        config.setReadOnly(readOnly);
        config.setMaximumPoolSize(settings.maxConnections());
        config.setMinimumIdle(1);
        config.addDataSourceProperty("ApplicationName", "dittofs-metadata-" + role);
        // Writers commit without waiting for the WAL fsync (group commit does that, see the class
        // comment); set here, not left to the server's default.
        config.setConnectionInitSql("SET synchronous_commit = " + (readOnly ? "on" : "off"));
        config.setIsolateInternalQueries(true);
        return new HikariDataSource(config);
    }

    private static void checkEncoding(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW server_encoding")) {
            r.next();
            if (!"UTF8".equalsIgnoreCase(r.getString(1))) {
                throw new PostgresStoreException("the database must use UTF8, not " + r.getString(1));
            }
        }
        c.rollback();
    }

    @Override
    public <T> T read(ReadTransaction<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(work);
            } catch (RetryableFailure e) {
                // Read-only, so safe to run again whatever happened; conflicts do not occur here.
                backoff(attempt, e);
            }
        }
    }

    private <T> T readOnce(ReadTransaction<T> work) {
        try (Connection c = readers.getConnection()) {
            SqlReader reader = new SqlReader(c);
            try {
                T result = work.run(reader);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c, e);
                throw RetryableFailure.of("read transaction", e);
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            } finally {
                reader.end();
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("read transaction", e);
        }
    }

    @Override
    public <T> T write(Durability durability, WriteTransaction<T> work) {
        Objects.requireNonNull(durability, "durability");
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(durability, work);
            } catch (RetryableFailure e) {
                backoff(attempt, e);
            }
        }
    }

    /**
     * Waits before attempt {@code attempt + 1}: a random time growing to ~2 ms after a conflict,
     * so the conflicting transactions stop colliding, and to ~100 ms after a lost connection, so a
     * restarting server has time to come back.
     *
     * @throws PostgresStoreException after the last attempt
     */
    private void backoff(int attempt, RetryableFailure e) {
        int maxAttempts = e.connectionLost ? Math.min(settings.maxAttempts(), 10) : settings.maxAttempts();
        if (attempt >= maxAttempts) {
            throw new PostgresStoreException(
                    (e.connectionLost ? "database connection still failing" : "transaction still conflicting")
                            + " after " + attempt + " attempts",
                    e.getCause());
        }
        retries.incrementAndGet();
        long capMicros = e.connectionLost ? 100_000 : 2_000;
        long maxMicros = Math.min(capMicros, 50L << Math.min(attempt, 12));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMicros + 1) * 1000);
    }

    private <T> T attempt(Durability durability, WriteTransaction<T> work) {
        Connection c;
        try {
            c = writers.getConnection();
        } catch (SQLException e) {
            throw RetryableFailure.of("connecting for a write transaction", e);
        }
        SqlWriter writer = new SqlWriter(c, new TransactionLocks(settings.schema()));
        boolean committing = false;
        boolean durableOnCommit = false;
        T result;
        writesRunning.incrementAndGet();
        try {
            result = work.run(writer);
            writer.end();
            // Alone, a SYNC transaction gains nothing from a shared flush and would pay a second
            // commit for it: it commits synchronously instead.
            durableOnCommit = durability == Durability.SYNC && writer.wrote() && writesRunning.get() == 1;
            if (durableOnCommit) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL synchronous_commit = on");
                }
            }
            committing = true;
            c.commit();
        } catch (SQLException e) {
            rollback(c, e);
            if (committing && RetryableFailure.isConnectionLoss(e)) {
                throw new PostgresStoreException("connection lost during commit: outcome unknown", e);
            }
            throw RetryableFailure.of("write transaction", e);
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            writesRunning.decrementAndGet();
            writer.end();
            release(c);
        }
        long ticket;
        if (writer.wrote()) {
            commits.incrementAndGet();
            ticket = groupSync.committed();
        } else {
            ticket = groupSync.lastTicket(); // SYNC still covers earlier DEFERRED writes
        }
        if (durability == Durability.SYNC && !durableOnCommit) {
            groupSync.awaitDurable(ticket);
        }
        return result;
    }

    @Override
    public void sync() {
        groupSync.awaitDurable(groupSync.lastTicket());
    }

    /**
     * One synchronous commit of this store's marker row: flushes the WAL up to it, so every
     * earlier commit is durable. Never retried: if the server crashed, commits made before it may
     * be gone, and a flush on the restarted server would wrongly vouch for them.
     */
    private void flush() {
        try (Connection c = writers.getConnection()) {
            try (Statement s = c.createStatement();
                    PreparedStatement p = c.prepareStatement("INSERT INTO sync_marker (id, n) VALUES (?, 1)"
                            + " ON CONFLICT (id) DO UPDATE SET n = sync_marker.n + 1")) {
                s.execute("SET LOCAL synchronous_commit = on");
                p.setInt(1, markerId);
                p.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new PostgresStoreException(
                    "flush of the metadata store failed: whether committed writes are durable is unknown"
                            + " (outcome unknown)",
                    e);
        }
    }

    /** Write transactions that changed something and committed. */
    public long commits() {
        return commits.get();
    }

    /** Write attempts rolled back for a serialization conflict and run again. */
    public long retries() {
        return retries.get();
    }

    /** Flushes done for {@link #sync()}. */
    public long syncFlushes() {
        return groupSync.flushes();
    }

    @Override
    public void close() {
        try {
            readers.close();
        } finally {
            writers.close();
        }
    }

    /**
     * Returns {@code c} to its pool. A failure here changes nothing about the transaction, which
     * is over; the pool drops a broken connection by itself.
     */
    private static void release(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Nothing to undo and nobody to tell: the outcome was already decided.
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
