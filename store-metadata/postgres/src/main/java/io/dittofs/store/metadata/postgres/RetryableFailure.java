package io.dittofs.store.metadata.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A failure after which the transaction can simply run again: PostgreSQL aborted it to keep it
 * serializable (SQLSTATE 40001), to break a deadlock (40P01), or a lock wait timed out (55P03), or the connection was lost or the
 * server is restarting (class 08, 57P01–57P03) before the commit was sent. The store rolls back
 * and runs the work again on another connection.
 */
final class RetryableFailure extends RuntimeException {

    /** Whether the connection, not the transaction, failed. */
    final boolean connectionLost;

    private RetryableFailure(SQLException cause, boolean connectionLost) {
        super(cause.getMessage(), cause, false, false);
        this.connectionLost = connectionLost;
    }

    static boolean isConflict(SQLException e) {
        // 55P03: a lock wait timed out (TransactionLocks bounds waits to break deadlocks).
        return hasState(e, "40001") || hasState(e, "40P01") || hasState(e, "55P03");
    }

    /** The connection broke or the server is going away; what the transaction did is rolled back. */
    static boolean isConnectionLoss(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return false; // the pool already waited its timeout for a connection
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasState(SQLException e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && state.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The exception to throw for a failed call: one to retry, or an error with context. */
    static RuntimeException of(String operation, SQLException e) {
        if (isConflict(e)) {
            return new RetryableFailure(e, false);
        }
        if (isConnectionLoss(e)) {
            return new RetryableFailure(e, true);
        }
        return new PostgresStoreException(operation + " failed", e);
    }
}
