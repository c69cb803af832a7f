package io.dittofs.server.config;

import java.nio.file.Path;

/**
 * Process-wide settings.
 *
 * @param dataDir where the daemon keeps its state (default {@code ./dittofs-data})
 * @param bind the address every adapter binds (default {@code 0.0.0.0})
 * @param shutdownGraceSeconds how long a stop waits for requests in flight (default 10)
 */
public record ServerSettings(Path dataDir, String bind, Integer shutdownGraceSeconds) {
    public static final ServerSettings DEFAULTS = new ServerSettings(null, null, null);

    public ServerSettings {
        dataDir = dataDir == null ? Path.of("dittofs-data") : dataDir;
        bind = bind == null ? "0.0.0.0" : bind;
        shutdownGraceSeconds = shutdownGraceSeconds == null ? 10 : shutdownGraceSeconds;
    }
}
