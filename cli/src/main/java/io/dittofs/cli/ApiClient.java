package io.dittofs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * dfsctl's HTTP client: finds the server, sends the saved token, refreshes it when it expired,
 * and turns every failure into a {@link CliException} a person can act on.
 *
 * <p>The server is {@code --server}, else {@code $DFSCTL_SERVER}, else the one of the last login,
 * else the first of {@code http://127.0.0.1:8080} and {@code :18080} (the daemon's standard and
 * fallback API ports) that answers. Without a saved token, {@code $DFSCTL_PASSWORD} (user
 * {@code $DFSCTL_USER}, default admin) logs in on the fly, for scripts.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEFAULTS = List.of("http://127.0.0.1:8080", "http://127.0.0.1:18080");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> env;
    private final Path credentialsFile;
    private final @Nullable String explicitServer;
    private @Nullable URI server;
    private @Nullable Credentials credentials;

    ApiClient(@Nullable String explicitServer, Map<String, String> env) {
        this.env = env;
        this.explicitServer = explicitServer;
        this.credentialsFile = Credentials.file(env);
        this.credentials = Credentials.load(credentialsFile);
    }

    /** Where the server is: see the class comment. */
    URI server() {
        if (server != null) {
            return server;
        }
        String s = explicitServer != null ? explicitServer : env.get("DFSCTL_SERVER");
        if ((s == null || s.isEmpty()) && credentials != null) {
            s = credentials.server();
        }
        if (s != null && !s.isEmpty()) {
            server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            return server;
        }
        for (String candidate : DEFAULTS) {
            try {
                send("GET", URI.create(candidate), "/health", null, null);
                server = URI.create(candidate);
                return server;
            } catch (CliException e) {
                // try the next
            }
        }
        throw new CliException(
                ExitCodes.UNREACHABLE,
                "server not reachable at " + String.join(" or ", DEFAULTS)
                        + " (is it running? set --server or DFSCTL_SERVER)");
    }

    /** Logs in and saves the tokens (0600). */
    Credentials login(String user, String password) {
        URI s = server();
        HttpResponse<String> r =
                send("POST", s, "/api/v1/auth/login", Map.of("username", user, "password", password), null);
        JsonNode body = check(r);
        Credentials c = new Credentials(
                s.toString(),
                user,
                body.path("accessToken").asText(),
                body.path("refreshToken").asText());
        c.save(credentialsFile);
        credentials = c;
        return c;
    }

    Path credentialsFile() {
        return credentialsFile;
    }

    /** A route that needs no token ({@code /status}, {@code /health}). */
    JsonNode getPublic(String path) {
        return check(send("GET", server(), path, null, null));
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode call(String method, String path, @Nullable Object body) {
        URI s = server();
        if (credentials == null || !credentials.server().equals(s.toString())) {
            if (!loginFromEnvironment()) {
                send("GET", s, "/health", null, null); // an unreachable server is the first thing to fix
                throw new CliException(ExitCodes.AUTH, "not logged in to " + s + ": run dfsctl login");
            }
        }
        HttpResponse<String> r = send(method, s, path, body, credentials.accessToken());
        if (r.statusCode() == 401 && reason(r).contains("expired")) {
            if (refresh() || loginFromEnvironment()) {
                r = send(method, s, path, body, credentials.accessToken());
            } else {
                throw new CliException(ExitCodes.AUTH, "token expired: run dfsctl login");
            }
        }
        return check(r);
    }

    private boolean refresh() {
        Credentials c = credentials;
        if (c == null) {
            return false;
        }
        HttpResponse<String> r =
                send("POST", server(), "/api/v1/auth/refresh", Map.of("refreshToken", c.refreshToken()), null);
        if (r.statusCode() != 200) {
            return false;
        }
        JsonNode b = parse(r.body());
        credentials = new Credentials(
                c.server(),
                c.user(),
                b.path("accessToken").asText(),
                b.path("refreshToken").asText());
        credentials.save(credentialsFile);
        return true;
    }

    private boolean loginFromEnvironment() {
        String password = env.get("DFSCTL_PASSWORD");
        if (password == null || password.isEmpty()) {
            return false;
        }
        String user = env.getOrDefault("DFSCTL_USER", "admin");
        login(user.isEmpty() ? "admin" : user, password);
        return true;
    }

    private JsonNode check(HttpResponse<String> r) {
        int status = r.statusCode();
        if (status < 400) {
            return r.body().isEmpty() ? MissingNode.getInstance() : parse(r.body());
        }
        JsonNode e = parse(r.body());
        String reason = e.path("reason").asText("HTTP " + status);
        String field = e.path("field").isTextual() ? e.path("field").asText() : null;
        if (status == 401 && reason.contains("expired")) {
            throw new CliException(ExitCodes.AUTH, "token expired: run dfsctl login");
        }
        if (status == 401 && !reason.contains("wrong user name")) {
            reason = reason + ": run dfsctl login";
        }
        throw new CliException(ExitCodes.forStatus(status), field != null ? field + ": " + reason : reason);
    }

    private static String reason(HttpResponse<String> r) {
        return parse(r.body()).path("reason").asText("");
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private HttpResponse<String> send(
            String method, URI base, String path, @Nullable Object body, @Nullable String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "server not reachable at " + base + " (is it running? set --server or DFSCTL_SERVER)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "talking to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted");
        }
    }

    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
