package io.dittofs.store.metadata.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The advisory locks of one write transaction (PostgreSQL's {@code pg_advisory_xact_lock}, held
 * until the transaction ends, shared by every process using the database). A write transaction
 * locks each file id before it reads or changes that inode, its attributes or its entries, and
 * each state kind before it touches its records; it keeps every lock to its end (strict two-phase
 * locking), so write transactions are serializable, and each statement after a lock reads the
 * latest committed rows (READ COMMITTED), so there are no serialization failures to retry.
 *
 * <p>Deadlocks: the work is opaque, so locks cannot be taken in a global order. The first lock
 * waits as long as it takes (a transaction holding nothing cannot be part of a deadlock); once
 * one is held, further locks wait at most {@link #WAIT_HOLDING}, after which the transaction is
 * rolled back as a conflict (SQLSTATE 55P03) and run again. That resolves a deadlock in
 * milliseconds instead of after PostgreSQL's {@code deadlock_timeout} (1 s by default).
 *
 * <p>Keys: the top bits name the schema (a hash; a collision between schemas only makes two
 * transactions wait for each other), then file ids, or a hash of the state kind with bit 47 set.
 *
 * <p>Threading: one per transaction, used by the thread running it.
 */
final class TransactionLocks {

    /** How long a transaction that already holds a lock waits for another. */
    static final String WAIT_HOLDING = "50ms";

    private static final long ID_MASK = (1L << 47) - 1;
    private static final long KIND_BIT = 1L << 47;

    private final long namespace;
    private final Set<Long> held = new HashSet<>();

    TransactionLocks(String schema) {
        this.namespace = (long) (schema.hashCode() & 0x7FFF) << 48;
    }

    void lockId(Connection c, long fileId) throws SQLException {
        acquire(c, namespace | (fileId & ID_MASK));
    }

    void lockKind(Connection c, String kind) throws SQLException {
        acquire(c, namespace | KIND_BIT | (kind.hashCode() & 0x7FFF_FFFFL));
    }

    private void acquire(Connection c, long key) throws SQLException {
        if (held.contains(key)) {
            return;
        }
        if (held.size() == 1) {
            // From the second lock on, a wait may be a deadlock: bound it.
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '" + WAIT_HOLDING + "'");
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, key);
            s.executeQuery().close();
        }
        held.add(key);
    }
}
