package io.dittofs.server.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A named block store.
 *
 * @param name how shares refer to it
 * @param type {@code memory} (lost at restart), {@code filesystem} or {@code s3}
 * @param path the folder of a {@code filesystem} store; it must exist
 * @param s3 where an {@code s3} store keeps its objects
 * @param seal compression and encryption of what the store holds (any type); none when absent
 */
public record BlockStoreConfig(
        String name,
        String type,
        @Nullable Path path,
        @Nullable S3Config s3,
        @Nullable SealConfig seal) {

    public BlockStoreConfig(String name, String type, @Nullable Path path) {
        this(name, type, path, null, null);
    }
}
