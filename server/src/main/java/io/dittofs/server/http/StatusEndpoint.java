package io.dittofs.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.share.Share;
import io.dittofs.server.Daemon;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code GET /health} and {@code GET /status} over HTTP, for probes (systemd, Kubernetes) and
 * people. The JDK's built-in server is enough for two read-only routes; the REST control plane
 * replaces this with its router.
 */
public final class StatusEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private StatusEndpoint(HttpServer server) {
        this.server = server;
    }

    public static StatusEndpoint start(InetSocketAddress address, Daemon daemon) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", ex -> reply(ex, Map.of("status", "ok")));
        server.createContext("/status", ex -> reply(ex, status(daemon)));
        server.start();
        return new StatusEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private static Map<String, Object> status(Daemon daemon) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        List<Map<String, Object>> adapters =
                daemon.adapterStatus().stream().map(StatusEndpoint::adapter).toList();
        out.put("adapters", adapters);
        out.put(
                "shares",
                daemon.runtime().shares().all().stream().map(Share::name).toList());
        return out;
    }

    private static Map<String, Object> adapter(AdapterStatus s) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", s.name());
        a.put("state", s.state().name());
        a.put("connections", s.connections());
        a.put(
                "endpoints",
                s.endpoints().stream()
                        .map(e -> Map.of(
                                "service", e.service(), "port", e.address().getPort()))
                        .toList());
        return a;
    }

    private static void reply(HttpExchange ex, Object body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] json = JSON.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, json.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(json);
            }
        }
    }
}
