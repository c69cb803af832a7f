package io.dittofs.server.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A named metadata store.
 *
 * @param name how shares refer to it
 * @param type {@code rocksdb} (embedded, durable), {@code postgres}, or {@code memory} (lost at
 *     restart)
 * @param path the folder of a {@code rocksdb} store (default {@code <dataDir>/metadata/<name>})
 * @param url the JDBC URL of a {@code postgres} store ({@code jdbc:postgresql://host:5432/db})
 * @param user the database user of a {@code postgres} store
 * @param password the database password of a {@code postgres} store
 * @param schema the schema a {@code postgres} store keeps its tables in (default {@code dittofs})
 */
public record MetadataStoreConfig(
        String name,
        String type,
        @Nullable Path path,
        @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        @Nullable String schema) {

    public MetadataStoreConfig(String name, String type, @Nullable Path path) {
        this(name, type, path, null, null, null, null);
    }

    @Override
    public String toString() {
        return "MetadataStoreConfig[name=" + name + ", type=" + type + "]"; // never print the password
    }
}
