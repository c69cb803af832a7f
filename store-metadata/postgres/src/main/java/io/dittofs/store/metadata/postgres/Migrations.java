package io.dittofs.store.metadata.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, applied at start. Migration {@code n} is the resource {@code
 * V<n>__*.sql} beside this class and runs once per schema, in one transaction that also records
 * it in {@code schema_version}. A transaction-scoped advisory lock keeps two processes starting
 * at once from applying the same migration twice.
 */
final class Migrations {
    private Migrations() {}

    /** In order; index + 1 is the version. Append only: never edit an applied migration. */
    static final List<String> SCRIPTS =
            List.of("V1__initial.sql", "V2__xattrs_and_state.sql", "V3__content_index.sql", "V4__packs.sql");

    /** Brings {@code schema} to the newest version; returns the version it was at. */
    static int apply(Connection c, String schema) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            lock(c, schema);
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute("SET LOCAL search_path TO " + schema);
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                r.next();
                current = r.getInt(1);
            }
            if (current > SCRIPTS.size()) {
                throw new PostgresStoreException("schema " + schema + " is at version " + current
                        + ", newer than this DittoFS knows (" + SCRIPTS.size() + ")");
            }
            for (int v = current + 1; v <= SCRIPTS.size(); v++) {
                s.execute(script(SCRIPTS.get(v - 1)));
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                    p.setInt(1, v);
                    p.executeUpdate();
                }
            }
            c.commit();
            return current;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void lock(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            p.setString(1, "dittofs-migrations:" + schema);
            p.executeQuery().close();
        }
    }

    private static String script(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + name, e);
        }
    }
}
