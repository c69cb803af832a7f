package io.dittofs.server;

import io.dittofs.server.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the port of each service before anything listens: an explicit port must be free, and an
 * unset one is the standard port when this process may bind it, otherwise a high fallback.
 */
final class PortChoice {
    private static final Logger log = LoggerFactory.getLogger(PortChoice.class);

    private final InetAddress bind;

    PortChoice(InetAddress bind) {
        this.bind = bind;
    }

    /**
     * @param key the config key, for errors
     * @param explicit the configured port, or null
     * @param standard the protocol's standard port
     * @param fallback the port to use when the standard one cannot be bound, or 0 for "disable"
     * @return the port to use, or 0 when disabled
     */
    int choose(String key, @Nullable Integer explicit, int standard, int fallback) throws ConfigException {
        if (explicit != null) {
            if (explicit == 0) {
                return 0;
            }
            String why = tryBind(explicit);
            if (why != null) {
                throw new ConfigException(
                        key, "cannot listen on " + bind.getHostAddress() + ":" + explicit + ": " + why);
            }
            return explicit;
        }
        String why = tryBind(standard);
        if (why == null) {
            return standard;
        }
        if (fallback == 0) {
            log.info("{}: standard port {} is not available ({}); disabled", key, standard, why);
            return 0;
        }
        String fallbackWhy = tryBind(fallback);
        if (fallbackWhy != null) {
            throw new ConfigException(
                    key,
                    "neither port " + standard + " (" + why + ") nor " + fallback + " (" + fallbackWhy + ") is free");
        }
        log.info("{}: standard port {} is not available ({}); using {}", key, standard, why, fallback);
        return fallback;
    }

    /** Null when the port can be bound now, else why not. */
    private @Nullable String tryBind(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, port));
            return null;
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return m.contains("Permission denied") ? "needs privileges" : m.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
