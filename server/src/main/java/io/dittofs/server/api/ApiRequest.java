package io.dittofs.server.api;

import io.dittofs.server.control.ControlException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One decoded HTTP request as a route sees it.
 *
 * @param params the path's {@code {name}} segments, URL-decoded
 * @param caller who sent it, when a valid token came with it
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> params,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        InetSocketAddress client,
        @Nullable Caller caller) {

    /** An authenticated caller: user name and role. */
    public record Caller(String name, String role) {
        public boolean isAdmin() {
            return role.equals("admin");
        }
    }

    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return v;
    }

    public boolean flag(String name) {
        List<String> v = query.get(name);
        return v != null
                && !v.isEmpty()
                && (v.getFirst().equals("true") || v.getFirst().isEmpty());
    }

    /** The If-Match header as a revision, or null when absent. */
    public @Nullable Long ifMatch() {
        String v = headers.get("if-match");
        if (v == null) {
            return null;
        }
        String t = v.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        t = t.replace("\"", "");
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw ControlException.invalid("If-Match", "'" + v + "' is not an ETag this server gave");
        }
    }

    public Caller requireCaller() {
        if (caller == null) {
            throw new ControlException(401, null, "missing token");
        }
        return caller;
    }

    /** The caller is an admin or is {@code user} itself; 403 otherwise. */
    public void requireSelfOrAdmin(String user) {
        Caller c = requireCaller();
        if (!c.isAdmin() && !c.name().equals(user)) {
            throw new ControlException(403, null, "only an admin or '" + user + "' may do this");
        }
    }
}
