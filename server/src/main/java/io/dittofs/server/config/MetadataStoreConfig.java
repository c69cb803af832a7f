package io.dittofs.server.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A named metadata store.
 *
 * @param name how shares refer to it
 * @param type {@code memory} (lost at restart) or {@code rocksdb}
 * @param path the folder of a {@code rocksdb} store (default {@code <dataDir>/metadata/<name>})
 */
public record MetadataStoreConfig(
        String name, String type, @Nullable Path path) {}
