package io.dittofs.store.metadata.postgres;

import java.sql.SQLException;

/**
 * A database call of the metadata store failed. The message names the operation; the cause is
 * the {@link SQLException} with PostgreSQL's SQLSTATE. A transaction that failed this way changed
 * nothing, except when the connection was lost during its commit (SQLSTATE class 08): then its
 * outcome is unknown.
 */
public final class PostgresStoreException extends RuntimeException {

    PostgresStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    PostgresStoreException(String message) {
        super(message);
    }

    /** The SQLSTATE of the cause, or an empty string. */
    public String sqlState() {
        return getCause() instanceof SQLException e && e.getSQLState() != null ? e.getSQLState() : "";
    }
}
