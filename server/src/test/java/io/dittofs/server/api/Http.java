package io.dittofs.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small JSON client over the JDK's HTTP client, for driving the API as a real client does. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private String token;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String etag() {
            return headers.getOrDefault("etag", java.util.List.of("")).getFirst();
        }
    }

    Http token(String t) {
        this.token = t;
        return this;
    }

    Http login(String user, String password) throws Exception {
        Reply r = send("POST", "/api/v1/auth/login", Map.of("username", user, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r);
        }
        token = r.json().path("accessToken").asText();
        return this;
    }

    Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    Reply send(String method, String path, Object body) throws Exception {
        return send(method, path, body, Map.of());
    }

    Reply send(String method, String path, Object body, Map<String, String> headers) throws Exception {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().map());
    }
}
