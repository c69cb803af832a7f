package io.dittofs.store.metadata.postgres;

import java.util.regex.Pattern;

/**
 * Where and how a {@link PostgresMetadataStore} connects.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/dittofs}
 * @param user database user
 * @param password its password (never logged)
 * @param schema the schema holding this share's tables, created if missing: lower-case letters,
 *     digits and {@code _}, starting with a letter or {@code _}, at most 63 characters
 * @param maxConnections connections of each of the two pools (writers, readers); default 16
 * @param maxAttempts how often a write transaction runs before a serialization conflict is given
 *     up as an error; default 100
 */
public record PostgresSettings(
        String jdbcUrl, String user, String password, String schema, int maxConnections, int maxAttempts) {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresSettings {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must match " + SCHEMA + ": " + schema);
        }
        if (maxConnections < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxConnections and maxAttempts must be positive");
        }
    }

    /** Settings with the default pool size and attempts. */
    public static PostgresSettings of(String jdbcUrl, String user, String password, String schema) {
        return new PostgresSettings(jdbcUrl, user, password, schema, 16, 100);
    }

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", schema=" + schema + ", maxConnections="
                + maxConnections + ", maxAttempts=" + maxAttempts + "]";
    }
}
