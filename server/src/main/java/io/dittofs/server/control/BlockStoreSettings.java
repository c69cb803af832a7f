package io.dittofs.server.control;

import io.dittofs.server.config.BlockStoreConfig;
import io.dittofs.server.config.S3Config;
import io.dittofs.server.config.SealConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A block store's record in the control state, flat {@code settings} and sealed {@code secrets},
 * to and from the config's {@link BlockStoreConfig} with its nested {@code s3} and {@code seal}
 * sections. The flat keys are the YAML keys inside those sections ({@code bucket}, {@code
 * keyFile}), so {@code dfsctl store create block b --type s3 --set bucket=x} reads like the file.
 */
final class BlockStoreSettings {
    static final Set<String> S3 = Set.of(
            "endpoint",
            "region",
            "bucket",
            "prefix",
            "pathStyle",
            "accessKey",
            "createBucket",
            "multipartThreshold",
            "partSize",
            "partConcurrency");
    static final Set<String> SEAL = Set.of("compression", "zstdLevel", "encryption", "keyFile", "frameSize");
    static final String SECRET_KEY = "secretKey";

    private static final Set<String> BOOLEANS = Set.of("pathStyle", "createBucket");
    private static final Set<String> INTEGERS = Set.of("zstdLevel", "frameSize", "partSize", "partConcurrency");
    private static final Set<String> LONGS = Set.of("multipartThreshold");

    private BlockStoreSettings() {}

    /** The settings a store of this type takes: its own plus the sealing ones. */
    static Set<String> settingsOf(String type) {
        Set<String> own =
                switch (type) {
                    case "filesystem" -> Set.of("path");
                    case "s3" -> S3;
                    default -> Set.of();
                };
        return Stream.concat(own.stream(), SEAL.stream()).collect(Collectors.toUnmodifiableSet());
    }

    /** Refuses a value of the wrong kind at once, with its field, rather than as a parse error later. */
    static void checkValue(String key, String value) {
        if (BOOLEANS.contains(key) && !value.equals("true") && !value.equals("false")) {
            throw ControlException.invalid("settings." + key, "must be true or false, not '" + value + "'");
        }
        if (INTEGERS.contains(key) || LONGS.contains(key)) {
            try {
                if (INTEGERS.contains(key)) {
                    Integer.parseInt(value);
                } else {
                    Long.parseLong(value);
                }
            } catch (NumberFormatException e) {
                throw ControlException.invalid("settings." + key, "must be a whole number, not '" + value + "'");
            }
        }
    }

    /** The API field of a problem the config validator found inside a block store ("s3.bucket"). */
    static String apiField(String configKey) {
        return switch (configKey) {
            case "name", "type" -> configKey;
            case "s3" -> "settings.accessKey"; // "give accessKey and secretKey together"
            default -> "settings." + configKey.substring(configKey.lastIndexOf('.') + 1);
        };
    }

    /** The config of a stored record; {@code secret} opens a sealed secret by name, null when absent. */
    static BlockStoreConfig toConfig(
            String name, String type, Map<String, String> settings, Function<String, @Nullable String> secret) {
        String path = settings.get("path");
        S3Config s3 = !type.equals("s3")
                ? null
                : new S3Config(
                        settings.get("endpoint"),
                        settings.get("region"),
                        settings.get("bucket"),
                        settings.get("prefix"),
                        bool(settings.get("pathStyle")),
                        settings.get("accessKey"),
                        secret.apply(SECRET_KEY),
                        bool(settings.get("createBucket")),
                        settings.get("multipartThreshold") == null
                                ? null
                                : Long.valueOf(settings.get("multipartThreshold")),
                        integer(settings.get("partSize")),
                        integer(settings.get("partConcurrency")));
        boolean sealed = SEAL.stream().anyMatch(settings::containsKey);
        SealConfig seal = !sealed
                ? null
                : new SealConfig(
                        settings.get("compression"),
                        integer(settings.get("zstdLevel")),
                        settings.get("encryption"),
                        settings.get("keyFile") == null ? null : Path.of(settings.get("keyFile")),
                        integer(settings.get("frameSize")));
        return new BlockStoreConfig(name, type, path == null ? null : Path.of(path), s3, seal);
    }

    /** The flat settings of a config's block store (its secret key excluded: see {@link #secretKey}). */
    static Map<String, String> settingsOf(BlockStoreConfig b) {
        Map<String, String> m = new HashMap<>();
        putIfSet(m, "path", b.path());
        S3Config s = b.s3();
        if (s != null) {
            putIfSet(m, "endpoint", s.endpoint());
            putIfSet(m, "region", s.region());
            putIfSet(m, "bucket", s.bucket());
            putIfSet(m, "prefix", s.prefix());
            putIfSet(m, "pathStyle", s.pathStyle());
            putIfSet(m, "accessKey", s.accessKey());
            putIfSet(m, "createBucket", s.createBucket());
            putIfSet(m, "multipartThreshold", s.multipartThreshold());
            putIfSet(m, "partSize", s.partSize());
            putIfSet(m, "partConcurrency", s.partConcurrency());
        }
        SealConfig seal = b.seal();
        if (seal != null) {
            putIfSet(m, "compression", seal.compression());
            putIfSet(m, "zstdLevel", seal.zstdLevel());
            putIfSet(m, "encryption", seal.encryption());
            putIfSet(m, "keyFile", seal.keyFile());
            putIfSet(m, "frameSize", seal.frameSize());
        }
        return m;
    }

    static @Nullable String secretKey(BlockStoreConfig b) {
        return b.s3() == null ? null : b.s3().secretKey();
    }

    private static void putIfSet(Map<String, String> m, String key, @Nullable Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    private static @Nullable Boolean bool(@Nullable String v) {
        return v == null ? null : Boolean.valueOf(v);
    }

    private static @Nullable Integer integer(@Nullable String v) {
        return v == null ? null : Integer.valueOf(v);
    }
}
