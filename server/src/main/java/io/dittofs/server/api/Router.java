package io.dittofs.server.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Matches a method and path to a route; {@code {name}} in a template matches one path segment.
 * Netty has no router and a library for a few dozen fixed routes is more than this class.
 */
public final class Router {
    /** Who may call a route. */
    public enum Access {
        PUBLIC,
        /** Any valid token; the handler may narrow it (a user's own account). */
        USER,
        ADMIN
    }

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    public record Route(String method, String template, Access access, Handler handler) {
        String[] segments() {
            return template.substring(1).split("/", -1);
        }
    }

    /** A route and the path parameters it bound. */
    public record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Access access, Handler handler) {
        routes.add(new Route(method, template, access, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * The route for {@code method} and {@code path}; null when no route has the path. When routes
     * have the path but not the method, {@code allowed} gets their methods.
     */
    public @Nullable Match match(String method, String path, List<String> allowed) {
        String[] parts =
                path.length() <= 1 ? new String[] {""} : path.substring(1).split("/", -1);
        for (Route r : routes) {
            Map<String, String> params = bind(r.segments(), parts);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Match(r, params);
            }
            allowed.add(r.method());
        }
        return null;
    }

    private static @Nullable Map<String, String> bind(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                String v = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
                if (v.isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), v);
            } else if (!t.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }
}
