package io.dittofs.server.config;

import org.jspecify.annotations.Nullable;

/**
 * One adapter's settings.
 *
 * @param enabled whether it runs (default true)
 * @param port where it listens; unset: the standard port when the process may bind it,
 *     otherwise a high one (NFS 2049 or 12049, SMB 445 or 12445, API 8080 or 18080); NFS
 *     serves MOUNT (and NLM) on the same port
 * @param signing SMB only: {@code enabled} (default; clients choose) or {@code required}
 * @param encryption SMB only: {@code off}, {@code desired} (default: encrypt SMB 3.x sessions
 *     whose client can) or {@code required} (refuse clients that cannot)
 * @param portmapPort NFS only: the built-in portmapper's port, 0 to disable (default 111 when
 *     the process may bind it, else disabled)
 */
public record AdapterConfig(
        @Nullable Boolean enabled,
        @Nullable Integer port,
        @Nullable Integer portmapPort,
        @Nullable String signing,
        @Nullable String encryption) {
    public static final AdapterConfig DEFAULT = new AdapterConfig(null, null, null, null, null);

    public AdapterConfig(@Nullable Boolean enabled, @Nullable Integer port, @Nullable Integer portmapPort) {
        this(enabled, port, portmapPort, null, null);
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }
}
