package io.dittofs.server.api;

import static io.dittofs.server.api.Router.Access.ADMIN;
import static io.dittofs.server.api.Router.Access.PUBLIC;
import static io.dittofs.server.api.Router.Access.USER;

import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.content.PipelineStats;
import io.dittofs.server.control.Accounts;
import io.dittofs.server.control.AdapterOps;
import io.dittofs.server.control.ControlException;
import io.dittofs.server.control.ControlPlane;
import io.dittofs.server.control.ControlState.AdapterRecord;
import io.dittofs.server.control.ControlState.GroupRecord;
import io.dittofs.server.control.ControlState.ShareRecord;
import io.dittofs.server.control.ControlState.StoreRecord;
import io.dittofs.server.control.ControlState.UserRecord;
import io.dittofs.server.control.ControlTarget;
import io.dittofs.server.control.Requests;
import io.dittofs.server.control.ShareOps;
import io.dittofs.server.control.StoreOps;
import io.dittofs.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every route of the API, in one table (kept equal to {@code openapi.json} by a test). */
final class Routes {
    static final String V1 = "/api/v1";
    static final String OPENAPI = V1 + "/openapi.json";

    private Routes() {}

    static Router build(
            ControlTarget target, ControlPlane control, Tokens tokens, LoginLimiter limiter, ServerMetrics metrics)
            throws IOException {
        Accounts accounts = new Accounts(control);
        StoreOps stores = new StoreOps(control);
        ShareOps shares = new ShareOps(control);
        AdapterOps adapters = new AdapterOps(control);
        byte[] openapi = openApiDocument();
        Router r = new Router();

        r.add("GET", "/health", PUBLIC, q -> ApiResponse.ok(Map.of("status", "ok")));
        r.add("GET", "/ready", PUBLIC, q -> ready(target));
        r.add("GET", "/status", PUBLIC, q -> ApiResponse.ok(status(target, shares)));
        r.add(
                "GET",
                "/metrics",
                PUBLIC,
                q -> ApiResponse.raw(
                        200,
                        metrics.scrape().getBytes(StandardCharsets.UTF_8),
                        "text/plain; version=0.0.4; charset=utf-8"));
        r.add("GET", OPENAPI, PUBLIC, q -> ApiResponse.raw(200, openapi, "application/json"));

        r.add("POST", V1 + "/auth/login", PUBLIC, q -> {
            Requests.Login body = Json.read(q.body(), Requests.Login.class);
            String client = q.client().getAddress().getHostAddress();
            limiter.check(body.username(), client);
            UserRecord u =
                    accounts.authenticate(body.username(), body.password()).orElse(null);
            if (u == null) {
                limiter.failed(body.username(), client);
                throw new ControlException(401, null, "wrong user name or password");
            }
            limiter.succeeded(body.username());
            return ApiResponse.ok(tokens.issue(u.name(), u.role()));
        });
        r.add("POST", V1 + "/auth/refresh", PUBLIC, q -> {
            Requests.Refresh body = Json.read(q.body(), Requests.Refresh.class);
            ApiRequest.Caller c = tokens.verify(body.refreshToken(), "refresh");
            UserRecord u = accounts.user(c.name())
                    .orElseThrow(() -> new ControlException(401, null, "user '" + c.name() + "' no longer exists"));
            return ApiResponse.ok(tokens.issue(u.name(), u.role()));
        });
        r.add("GET", V1 + "/status", USER, q -> ApiResponse.ok(status(target, shares)));

        // users
        r.add(
                "GET",
                V1 + "/users",
                ADMIN,
                q -> ApiResponse.ok(
                        accounts.users().stream().map(accounts::view).toList()));
        r.add("POST", V1 + "/users", ADMIN, q -> {
            UserRecord u = accounts.createUser(Json.read(q.body(), Requests.UserCreate.class));
            return ApiResponse.created(accounts.view(u), u.revision());
        });
        r.add("GET", V1 + "/users/{name}", USER, q -> {
            q.requireSelfOrAdmin(q.param("name"));
            UserRecord u = accounts.requireUser(q.param("name"));
            return ApiResponse.ok(accounts.view(u), u.revision());
        });
        r.add("PATCH", V1 + "/users/{name}", ADMIN, q -> {
            UserRecord u =
                    accounts.updateUser(q.param("name"), Json.read(q.body(), Requests.UserUpdate.class), q.ifMatch());
            return ApiResponse.ok(accounts.view(u), u.revision());
        });
        r.add("DELETE", V1 + "/users/{name}", ADMIN, q -> {
            accounts.deleteUser(q.param("name"));
            return ApiResponse.noContent();
        });
        r.add("PUT", V1 + "/users/{name}/password", USER, q -> {
            q.requireSelfOrAdmin(q.param("name"));
            accounts.setPassword(
                    q.param("name"),
                    Json.read(q.body(), Requests.Password.class).password());
            return ApiResponse.noContent();
        });

        // groups
        r.add(
                "GET",
                V1 + "/groups",
                ADMIN,
                q -> ApiResponse.ok(
                        accounts.groups().stream().map(accounts::view).toList()));
        r.add("POST", V1 + "/groups", ADMIN, q -> {
            GroupRecord g = accounts.createGroup(Json.read(q.body(), Requests.GroupCreate.class));
            return ApiResponse.created(accounts.view(g), g.revision());
        });
        r.add("GET", V1 + "/groups/{name}", ADMIN, q -> {
            GroupRecord g = accounts.requireGroup(q.param("name"));
            return ApiResponse.ok(accounts.view(g), g.revision());
        });
        r.add("PATCH", V1 + "/groups/{name}", ADMIN, q -> {
            GroupRecord g =
                    accounts.updateGroup(q.param("name"), Json.read(q.body(), Requests.GroupUpdate.class), q.ifMatch());
            return ApiResponse.ok(accounts.view(g), g.revision());
        });
        r.add("DELETE", V1 + "/groups/{name}", ADMIN, q -> {
            accounts.deleteGroup(q.param("name"));
            return ApiResponse.noContent();
        });
        r.add("PUT", V1 + "/groups/{name}/members/{user}", ADMIN, q -> {
            accounts.membership(q.param("name"), q.param("user"), true);
            return ApiResponse.ok(accounts.view(accounts.requireGroup(q.param("name"))));
        });
        r.add("DELETE", V1 + "/groups/{name}/members/{user}", ADMIN, q -> {
            accounts.membership(q.param("name"), q.param("user"), false);
            return ApiResponse.noContent();
        });

        // stores
        for (StoreOps.Kind k : StoreOps.Kind.values()) {
            String base = V1 + "/stores/" + (k == StoreOps.Kind.METADATA ? "metadata" : "block");
            r.add(
                    "GET",
                    base,
                    ADMIN,
                    q -> ApiResponse.ok(
                            stores.all(k).stream().map(s -> stores.view(k, s)).toList()));
            r.add("POST", base, ADMIN, q -> {
                StoreRecord s = stores.create(k, Json.read(q.body(), Requests.StoreCreate.class));
                return ApiResponse.created(stores.view(k, s), s.revision());
            });
            r.add("GET", base + "/{name}", ADMIN, q -> {
                StoreRecord s = stores.require(k, q.param("name"));
                return ApiResponse.ok(stores.view(k, s), s.revision());
            });
            r.add("PATCH", base + "/{name}", ADMIN, q -> {
                StoreRecord s =
                        stores.update(k, q.param("name"), Json.read(q.body(), Requests.StoreUpdate.class), q.ifMatch());
                return ApiResponse.ok(stores.view(k, s), s.revision());
            });
            r.add("DELETE", base + "/{name}", ADMIN, q -> {
                stores.delete(k, q.param("name"));
                return ApiResponse.noContent();
            });
        }

        // shares
        r.add(
                "GET",
                V1 + "/shares",
                USER,
                q -> ApiResponse.ok(shares.all().stream().map(shares::view).toList()));
        r.add("POST", V1 + "/shares", ADMIN, q -> {
            ShareRecord s = shares.create(Json.read(q.body(), Requests.ShareCreate.class));
            return ApiResponse.created(shares.view(s), s.revision());
        });
        r.add("GET", V1 + "/shares/{name}", USER, q -> {
            ShareRecord s = shares.require(q.param("name"));
            return ApiResponse.ok(shares.view(s), s.revision());
        });
        r.add("PATCH", V1 + "/shares/{name}", ADMIN, q -> {
            ShareRecord s =
                    shares.update(q.param("name"), Json.read(q.body(), Requests.ShareUpdate.class), q.ifMatch());
            return ApiResponse.ok(shares.view(s), s.revision());
        });
        r.add("DELETE", V1 + "/shares/{name}", ADMIN, q -> {
            shares.delete(q.param("name"), q.flag("force"));
            return ApiResponse.noContent();
        });

        // adapters
        r.add(
                "GET",
                V1 + "/adapters",
                ADMIN,
                q -> ApiResponse.ok(adapters.all().stream().map(adapters::view).toList()));
        r.add("GET", V1 + "/adapters/{name}", ADMIN, q -> {
            AdapterRecord a = adapters.require(q.param("name"));
            return ApiResponse.ok(adapters.view(a), a.revision());
        });
        r.add("PATCH", V1 + "/adapters/{name}", ADMIN, q -> {
            AdapterRecord a =
                    adapters.update(q.param("name"), Json.read(q.body(), Requests.AdapterUpdate.class), q.ifMatch());
            return ApiResponse.ok(adapters.view(a), a.revision());
        });
        return r;
    }

    static byte[] openApiDocument() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                Routes.class.getResourceAsStream("openapi.json"), "openapi.json missing from the jar")) {
            return in.readAllBytes();
        }
    }

    private static ApiResponse ready(ControlTarget target) {
        List<AdapterStatus> notRunning = target.adapterStatus().stream()
                .filter(a -> a.state() != AdapterStatus.State.RUNNING)
                .toList();
        if (!notRunning.isEmpty()) {
            return ApiResponse.error(
                    503,
                    "unavailable",
                    null,
                    "adapters not running: "
                            + notRunning.stream().map(AdapterStatus::name).toList());
        }
        return ApiResponse.ok(Map.of("status", "ready"));
    }

    private static Map<String, Object> status(ControlTarget target, ShareOps shares) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("adapters", target.adapterStatus().stream().map(Routes::adapter).toList());
        out.put("shares", shares.all().stream().map(ShareRecord::name).toList());
        out.put(
                "pipelines",
                target.contentStores().entrySet().stream()
                        .map(e -> pipeline(e.getKey(), e.getValue()))
                        .toList());
        return out;
    }

    /** A share's block pipeline: levels now and counters since it opened (as on /metrics). */
    private static Map<String, Object> pipeline(String share, ContentStore content) {
        PipelineStats s = content.stats();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("share", share);
        p.put("logBytes", content.logBytes());
        p.put("pendingFiles", content.pendingFiles());
        p.put("cacheBytes", content.cacheBytes());
        p.put("rollups", s.rollups());
        p.put("failedRollups", s.failedRollups());
        p.put("uploadedChunks", s.uploadedChunks());
        p.put("uploadedBytes", s.uploadedBytes());
        p.put("uploadedObjects", s.uploadedObjects());
        p.put("uploadedPacks", s.uploadedPacks());
        p.put("repackedPacks", s.repackedPacks());
        p.put("dedupChunks", s.dedupChunks());
        p.put("uploadRetries", s.uploadRetries());
        p.put("uploadFailures", s.uploadFailures());
        p.put("cacheHits", s.cacheHits());
        p.put("cacheMisses", s.cacheMisses());
        p.put("cacheEvictions", s.cacheEvictions());
        p.put("fetchedBytes", s.fetchedBytes());
        p.put("gcDeletedChunks", s.gcDeletedChunks());
        return p;
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
}
