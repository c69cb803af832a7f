package io.dittofs.server.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A named block store.
 *
 * @param name how shares refer to it
 * @param type {@code memory} (lost at restart) or {@code filesystem}
 * @param path the folder of a {@code filesystem} store; it must exist
 */
public record BlockStoreConfig(
        String name, String type, @Nullable Path path) {}
