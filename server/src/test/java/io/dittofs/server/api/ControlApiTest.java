package io.dittofs.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.coherence.CoherentFileSystem;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.server.Daemon;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every resource of the REST API and every refusal, over real HTTP against the running daemon. */
class ControlApiTest {
    @TempDir
    static Path data;

    private static Daemon daemon;
    private static Http admin;

    @BeforeAll
    static void start() throws Exception {
        daemon = ApiFixture.start(data);
        admin = new Http(daemon.apiPort()).login("admin", ApiFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static Http anonymous() {
        return new Http(daemon.apiPort());
    }

    private static void assertError(Http.Reply r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode e = r.json();
        assertThat(e.path("error").asText()).isNotEmpty();
        assertThat(e.path("reason").asText()).isNotEmpty();
        if (field != null) {
            assertThat(e.path("field").asText()).as(r.body()).isEqualTo(field);
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.dittofs.");
    }

    @Test
    void loginGivesAnAccessAndARefreshTokenAndARefreshGivesNewOnes() throws Exception {
        Http.Reply r = anonymous()
                .send("POST", "/api/v1/auth/login", Map.of("username", "admin", "password", ApiFixture.ADMIN_PASSWORD));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("expiresIn").asLong()).isEqualTo(Tokens.ACCESS_TTL.toSeconds());
        Http.Reply refreshed = anonymous()
                .send(
                        "POST",
                        "/api/v1/auth/refresh",
                        Map.of("refreshToken", r.json().path("refreshToken").asText()));
        assertThat(refreshed.status()).isEqualTo(200);
        String access = refreshed.json().path("accessToken").asText();
        assertThat(anonymous().token(access).get("/api/v1/users").status()).isEqualTo(200);
        // An access token is not a refresh token, and the other way round.
        assertError(anonymous().send("POST", "/api/v1/auth/refresh", Map.of("refreshToken", access)), 401, null);
        assertError(anonymous().token(r.json().path("refreshToken").asText()).get("/api/v1/users"), 401, null);
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401() throws Exception {
        assertError(
                anonymous().send("POST", "/api/v1/auth/login", Map.of("username", "admin", "password", "nope")),
                401,
                null);
        assertError(
                anonymous().send("POST", "/api/v1/auth/login", Map.of("username", "ghost", "password", "nope")),
                401,
                null);
    }

    @Test
    void missingBadAndExpiredTokensAre401() throws Exception {
        assertError(anonymous().get("/api/v1/shares"), 401, null);
        assertError(anonymous().token("not.a.token").get("/api/v1/shares"), 401, null);
        Tokens other = new Tokens(new byte[32], java.time.Clock.systemUTC());
        assertError(
                anonymous()
                        .token(other.sign("admin", "admin", "access", java.time.Duration.ofMinutes(5)))
                        .get("/api/v1/shares"),
                401,
                null);
        byte[] key = Files.readAllBytes(data.resolve("control/jwt.key"));
        Tokens past =
                new Tokens(key, java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(-1)));
        Http.Reply expired = anonymous()
                .token(past.sign("admin", "admin", "access", java.time.Duration.ofMinutes(15)))
                .get("/api/v1/shares");
        assertError(expired, 401, null);
        assertThat(expired.json().path("reason").asText()).contains("expired");
    }

    @Test
    void theSigningKeyAndStateAreOwnerOnly() throws Exception {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(data.resolve("control"))))
                .isEqualTo("rwx------");
        for (String f : List.of("control/jwt.key", "control/server.key", "control/state.json")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(data.resolve(f))))
                    .as(f)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aPlainUserGets403OnAdminRoutesButReadsItselfAndSetsItsPassword() throws Exception {
        assertThat(admin.send("POST", "/api/v1/users", Map.of("name", "plain", "uid", 2001, "password", "plain-pass-1"))
                        .status())
                .isEqualTo(201);
        Http plain = new Http(daemon.apiPort()).login("plain", "plain-pass-1");
        assertError(plain.get("/api/v1/users"), 403, null);
        assertError(plain.send("POST", "/api/v1/shares", Map.of("name", "x")), 403, null);
        assertError(plain.get("/api/v1/users/admin"), 403, null);
        assertThat(plain.get("/api/v1/users/plain").status()).isEqualTo(200);
        assertThat(plain.get("/api/v1/shares").status()).isEqualTo(200);
        assertThat(plain.send("PUT", "/api/v1/users/plain/password", Map.of("password", "plain-pass-2"))
                        .status())
                .isEqualTo(204);
        new Http(daemon.apiPort()).login("plain", "plain-pass-2");
    }

    @Test
    void failedLoginsAreRateLimited() throws Exception {
        admin.send("POST", "/api/v1/users", Map.of("name", "target", "password", "target-pass-1"));
        for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
            assertThat(anonymous()
                            .send("POST", "/api/v1/auth/login", Map.of("username", "target", "password", "guess" + i))
                            .status())
                    .isEqualTo(401);
        }
        Http.Reply blocked = anonymous()
                .send("POST", "/api/v1/auth/login", Map.of("username", "target", "password", "target-pass-1"));
        assertError(blocked, 429, null);
        assertThat(blocked.headers()).containsKey("retry-after");
    }

    @Test
    void usersAreCreatedListedChangedAndDeletedAndTheirSecretsNeverStoredPlain() throws Exception {
        Http.Reply created = admin.send(
                "POST", "/api/v1/users", Map.of("name", "carol", "uid", 3001, "gid", 3001, "password", "carol-pass-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("smb").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("argon2").doesNotContain("carol-pass-1");
        assertThat(daemon.runtime()
                        .identities()
                        .userByName("carol")
                        .orElseThrow()
                        .ntHash())
                .isEqualTo(io.dittofs.crypto.NtHash.of("carol-pass-1".toCharArray()));
        String state = Files.readString(data.resolve("control/state.json"));
        assertThat(state).doesNotContain("carol-pass-1");
        assertThat(state.toLowerCase())
                .doesNotContain(HexFormat.of().formatHex(io.dittofs.crypto.NtHash.of("carol-pass-1".toCharArray())));
        assertThat(java.util.Base64.getEncoder()
                        .encodeToString(io.dittofs.crypto.NtHash.of("carol-pass-1".toCharArray())))
                .isNotIn(state);

        assertThat(admin.get("/api/v1/users").json().findValuesAsText("name")).contains("admin", "carol");
        Http.Reply changed = admin.send("PATCH", "/api/v1/users/carol", Map.of("gid", 3100));
        assertThat(changed.json().path("gid").asInt()).isEqualTo(3100);
        assertThat(daemon.runtime()
                        .identities()
                        .userByName("carol")
                        .orElseThrow()
                        .gid())
                .isEqualTo(3100);
        assertThat(admin.send("DELETE", "/api/v1/users/carol", null).status()).isEqualTo(204);
        assertError(admin.get("/api/v1/users/carol"), 404, null);
        assertThat(admin.get("/api/v1/users/carol").json().path("reason").asText())
                .isEqualTo("user 'carol' not found");
        assertThat(daemon.runtime().identities().userByName("carol")).isEmpty();
    }

    @Test
    void theLastAdminCannotBeDeleted() throws Exception {
        assertError(admin.send("DELETE", "/api/v1/users/admin", null), 409, null);
    }

    @Test
    void groupsHaveMembers() throws Exception {
        assertThat(admin.send("POST", "/api/v1/groups", Map.of("name", "staff", "gid", 4000))
                        .status())
                .isEqualTo(201);
        admin.send("POST", "/api/v1/users", Map.of("name", "dave", "uid", 4001, "password", "dave-pass-1"));
        assertThat(admin.send("PUT", "/api/v1/groups/staff/members/dave", null).status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/groups/staff")
                        .json()
                        .path("members")
                        .get(0)
                        .asText())
                .isEqualTo("dave");
        assertThat(daemon.runtime()
                        .identities()
                        .userByName("dave")
                        .orElseThrow()
                        .groups())
                .containsExactly(4000);
        assertError(admin.send("DELETE", "/api/v1/groups/staff", null), 409, null);
        assertThat(admin.send("DELETE", "/api/v1/groups/staff/members/dave", null)
                        .status())
                .isEqualTo(204);
        assertThat(admin.send("DELETE", "/api/v1/groups/staff", null).status()).isEqualTo(204);
        assertThat(daemon.runtime().identities().groupByName("staff")).isEmpty();
    }

    @Test
    void storeSecretsAreWriteOnlyAndSealedAtRest() throws Exception {
        Http.Reply r = admin.send(
                "POST",
                "/api/v1/stores/metadata",
                Map.of(
                        "name",
                        "pg",
                        "type",
                        "postgres",
                        "settings",
                        Map.of("url", "jdbc:postgresql://127.0.0.1:5432/ditto", "user", "ditto"),
                        "secrets",
                        Map.of("password", "pg-very-secret")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("secrets").get(0).asText()).isEqualTo("password");
        assertThat(admin.get("/api/v1/stores/metadata/pg").body()).doesNotContain("pg-very-secret");
        assertThat(Files.readString(data.resolve("control/state.json"))).doesNotContain("pg-very-secret");
        assertThat(admin.send("DELETE", "/api/v1/stores/metadata/pg", null).status())
                .isEqualTo(204);
    }

    @Test
    void aStoreAShareUsesCannotBeRemoved() throws Exception {
        assertError(admin.send("DELETE", "/api/v1/stores/metadata/default", null), 409, null);
        assertError(admin.send("DELETE", "/api/v1/stores/block/default", null), 409, null);
    }

    @Test
    void aNewShareIsServedAtOnceChangesApplyLiveAndDeletionStopsIt() throws Exception {
        Path blocks = Files.createDirectories(data.resolve("live-blocks"));
        assertThat(admin.send(
                                "POST",
                                "/api/v1/stores/block",
                                Map.of(
                                        "name",
                                        "live",
                                        "type",
                                        "filesystem",
                                        "settings",
                                        Map.of("path", blocks.toString())))
                        .status())
                .isEqualTo(201);
        Http.Reply created = admin.send(
                "POST", "/api/v1/shares", Map.of("name", "live", "metadataStore", "default", "blockStore", "live"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        FileSystem fs = daemon.runtime().shares().byName("live").orElseThrow().fileSystem();
        AuthContext root = AuthContext.internal(Principal.ROOT);
        NodeId f = fs.createFile(root, fs.root(), "a.txt", SetAttributes.NONE, CreateMode.GUARDED)
                .created()
                .id();
        fs.write(root, f, 0, ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)), Stability.FILE_SYNC);

        Http.Reply ro = admin.send("PATCH", "/api/v1/shares/live", Map.of("readOnly", true));
        assertThat(ro.json().path("readOnly").asBoolean()).isTrue();
        assertThat(daemon.runtime()
                        .shares()
                        .byName("live")
                        .orElseThrow()
                        .options()
                        .readOnly())
                .isTrue();
        try {
            fs.write(root, f, 0, ByteBuffer.wrap("y".getBytes(StandardCharsets.UTF_8)), Stability.FILE_SYNC);
            throw new AssertionError("a write to a share made read-only succeeded");
        } catch (FsException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY);
        }

        // Open files keep a share from being removed, unless forced.
        OpenHandle open = daemon.runtime()
                .opens()
                .open(new FileKey(ShareRegistry.idFor("live"), 42), "test", new OpenMode(OpenMode.READ, 0));
        assertError(admin.send("DELETE", "/api/v1/shares/live", null), 409, null);
        assertThat(daemon.runtime().shares().byName("live")).isPresent();
        assertThat(admin.send("DELETE", "/api/v1/shares/live?force=true", null).status())
                .isEqualTo(204);
        daemon.runtime().opens().close(open);
        assertThat(daemon.runtime().shares().byName("live")).isEmpty();
        assertError(admin.get("/api/v1/shares/live"), 404, null);
        assertThat(admin.get("/api/v1/shares/live").json().path("reason").asText())
                .isEqualTo("share 'live' not found");
    }

    @Test
    void smbContinuousAvailabilityIsSetWhenAShareIsCreatedAndKept() throws Exception {
        Path blocks = Files.createDirectories(data.resolve("ca-blocks"));
        admin.send(
                "POST",
                "/api/v1/stores/block",
                Map.of("name", "ca", "type", "filesystem", "settings", Map.of("path", blocks.toString())));
        Http.Reply created = admin.send(
                "POST",
                "/api/v1/shares",
                Map.of(
                        "name",
                        "ca",
                        "metadataStore",
                        "default",
                        "blockStore",
                        "ca",
                        "smbContinuousAvailability",
                        true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.get("/api/v1/shares/ca")
                        .json()
                        .path("smbContinuousAvailability")
                        .asBoolean())
                .isTrue();
        assertError(
                admin.send("PATCH", "/api/v1/shares/ca", Map.of("smbContinuousAvailability", false)),
                400,
                "smbContinuousAvailability");
        assertThat(admin.send("PATCH", "/api/v1/shares/ca", Map.of("readOnly", true))
                        .json()
                        .path("smbContinuousAvailability")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void perUserAndPerGroupPermissionsAreEnforcedByTheFileSystem() throws Exception {
        admin.send("POST", "/api/v1/groups", Map.of("name", "outsiders", "gid", 8100));
        admin.send("POST", "/api/v1/users", Map.of("name", "reader", "uid", 8001, "password", "reader-pass"));
        admin.send("POST", "/api/v1/users", Map.of("name", "ops", "uid", 8002, "password", "ops-pass-1"));
        Http.Reply created = admin.send(
                "POST",
                "/api/v1/shares",
                Map.of(
                        "name",
                        "guarded",
                        "permissions",
                        List.of(
                                Map.of("user", "reader", "access", "read"),
                                Map.of("group", "outsiders", "access", "none"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        FileSystem fs =
                daemon.runtime().shares().byName("guarded").orElseThrow().fileSystem();
        AuthContext reader = AuthContext.internal(Principal.of(8001, 8001));
        AuthContext outsider = AuthContext.internal(Principal.of(8003, 8100));
        AuthContext ops = AuthContext.internal(Principal.of(8002, 8002));
        fs.createFile(ops, fs.root(), "by-ops", SetAttributes.NONE, CreateMode.GUARDED);
        assertThat(fs.lookup(reader, fs.root(), "by-ops")).isNotNull();
        assertFsError(
                () -> fs.createFile(reader, fs.root(), "by-reader", SetAttributes.NONE, CreateMode.GUARDED),
                ErrorCode.READ_ONLY);
        assertFsError(() -> fs.lookup(outsider, fs.root(), "by-ops"), ErrorCode.ACCESS_DENIED);

        // Changing the rules applies to the next operation.
        admin.send(
                "PATCH",
                "/api/v1/shares/guarded",
                Map.of("permissions", List.of(Map.of("user", "reader", "access", "write"))));
        fs.createFile(reader, fs.root(), "by-reader", SetAttributes.NONE, CreateMode.GUARDED);
        assertThat(fs.lookup(outsider, fs.root(), "by-reader")).isNotNull();

        assertError(
                admin.send(
                        "POST",
                        "/api/v1/shares",
                        Map.of("name", "g2", "permissions", List.of(Map.of("user", "nobody-here", "access", "read")))),
                400,
                "permissions[0].user");
        assertError(
                admin.send(
                        "POST",
                        "/api/v1/shares",
                        Map.of("name", "g2", "permissions", List.of(Map.of("user", "reader", "access", "all")))),
                400,
                "permissions[0].access");
    }

    private static void assertFsError(Runnable r, ErrorCode code) {
        try {
            r.run();
            throw new AssertionError("expected " + code);
        } catch (FsException e) {
            assertThat(e.code()).isEqualTo(code);
        }
    }

    @Test
    void adaptersAreDisabledMovedAndEnabledLive() throws Exception {
        int port = ApiFixture.freePort();
        Http.Reply off = admin.send("PATCH", "/api/v1/adapters/smb", Map.of("enabled", false));
        assertThat(off.json().path("state").asText()).isEqualTo("STOPPED");
        assertThat(daemon.adapterStatus()).noneMatch(a -> a.name().equals("smb"));
        Http.Reply on = admin.send("PATCH", "/api/v1/adapters/smb", Map.of("enabled", true, "port", port));
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().path("state").asText()).isEqualTo("RUNNING");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000); // the SMB adapter listens there now
        }
        assertThat(admin.get("/api/v1/adapters").json().findValuesAsText("name"))
                .contains("nfs", "smb");
    }

    @Test
    void aPortInUseIsRefusedWithItsFieldAndTheAdapterKeepsRunning() throws Exception {
        JsonNode before = admin.get("/api/v1/adapters/nfs").json();
        try (ServerSocket busy = new ServerSocket(0)) {
            Http.Reply r = admin.send("PATCH", "/api/v1/adapters/nfs", Map.of("port", busy.getLocalPort()));
            assertError(r, 400, "port");
        }
        JsonNode after = admin.get("/api/v1/adapters/nfs").json();
        assertThat(after.path("port")).isEqualTo(before.path("port"));
        assertThat(after.path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void badBodiesAre400WithTheFieldAndChangeNothing() throws Exception {
        String sharesBefore = admin.get("/api/v1/shares").body();
        assertError(admin.send("POST", "/api/v1/shares", Map.of("name", "a", "colour", "red")), 400, "colour");
        assertError(admin.send("POST", "/api/v1/shares", Map.of("name", "a", "readOnly", "yes")), 400, "readOnly");
        assertError(admin.send("POST", "/api/v1/shares", Map.of("name", 7)), 400, "name");
        assertError(admin.send("POST", "/api/v1/shares", Map.of("name", "a/b")), 400, "name");
        assertError(admin.send("POST", "/api/v1/shares", Map.of("name", "export")), 400, "name");
        assertError(admin.send("POST", "/api/v1/shares", Map.of("name", "EXPORT")), 400, "name");
        assertError(
                admin.send("POST", "/api/v1/shares", Map.of("name", "a", "metadataStore", "missing")),
                400,
                "metadataStore");
        assertError(
                admin.send("POST", "/api/v1/shares", Map.of("name", "a", "allowedNetworks", List.of("10.0.0.0/99"))),
                400,
                "allowedNetworks[0]");
        assertError(admin.send("POST", "/api/v1/shares", "{not json"), 400, "body");
        assertError(admin.send("POST", "/api/v1/shares", ""), 400, "body");
        assertError(admin.send("POST", "/api/v1/users", Map.of("name", "admin")), 400, "name");
        assertError(admin.send("POST", "/api/v1/users", Map.of("name", "u1", "uid", "1")), 400, "uid");
        assertError(admin.send("POST", "/api/v1/groups", Map.of("name", "g/1", "gid", 5)), 400, "name");
        assertError(admin.send("POST", "/api/v1/stores/block", Map.of("name", "b", "type", "tape")), 400, "type");
        assertError(
                admin.send(
                        "POST",
                        "/api/v1/stores/block",
                        Map.of("name", "b", "type", "filesystem", "settings", Map.of("path", "/no/such/folder"))),
                400,
                "settings.path");
        assertError(admin.send("PATCH", "/api/v1/adapters/nfs", Map.of("port", 70000)), 400, "port");
        assertError(anonymous().send("POST", "/api/v1/auth/login", Map.of("username", "admin")), 400, "password");
        assertError(admin.send("POST", "/api/v1/groups", Map.of("name", "nogid")), 400, "gid");
        assertError(admin.send("POST", "/api/v1/stores/block", Map.of("name", "notype")), 400, "type");
        assertError(
                admin.send("POST", "/api/v1/shares", "{\"name\":\"n\",\"allowedNetworks\":[null]}"),
                400,
                "allowedNetworks[0]");
        assertError(admin.send("PUT", "/api/v1/users/admin/password", "{}"), 400, "password");
        assertError(admin.send("POST", "/api/v1/auth/refresh", "{\"refreshToken\":null}"), 400, "refreshToken");
        assertError(admin.send("PATCH", "/api/v1/adapters/ftp", Map.of("enabled", true)), 404, null);
        assertError(admin.send("GET", "/api/v1/nothing", null), 404, null);
        assertError(admin.send("PUT", "/api/v1/shares", Map.of()), 405, null);
        assertThat(admin.get("/api/v1/shares").body()).isEqualTo(sharesBefore);
        assertThat(admin.get("/api/v1/stores/block").json().findValuesAsText("name"))
                .doesNotContain("b");
    }

    @Test
    void concurrentUpdatesOfOneUserAreNotLost() throws Exception {
        admin.send("POST", "/api/v1/users", Map.of("name", "erin", "uid", 5001, "password", "erin-pass-1"));
        int n = 12;
        for (int i = 0; i < n; i++) {
            assertThat(admin.send("POST", "/api/v1/groups", Map.of("name", "c" + i, "gid", 6000 + i))
                            .status())
                    .isEqualTo(201);
        }
        List<Callable<Integer>> adds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String g = "c" + i;
            adds.add(() -> admin.send("PUT", "/api/v1/groups/" + g + "/members/erin", null)
                    .status());
        }
        try (ExecutorService ex = Executors.newFixedThreadPool(n)) {
            for (Future<Integer> f : ex.invokeAll(adds)) {
                assertThat(f.get()).isEqualTo(200);
            }
        }
        assertThat(admin.get("/api/v1/users/erin").json().path("groups")).hasSize(n);
        assertThat(daemon.runtime()
                        .identities()
                        .userByName("erin")
                        .orElseThrow()
                        .groups())
                .hasSize(n);
    }

    @Test
    void aChangeBasedOnAStaleReadIsRefusedWithIfMatch() throws Exception {
        admin.send("POST", "/api/v1/groups", Map.of("name", "etag", "gid", 7000));
        Http.Reply read = admin.get("/api/v1/groups/etag");
        String etag = read.etag();
        assertThat(etag).isNotEmpty();
        assertThat(admin.send("PATCH", "/api/v1/groups/etag", Map.of("gid", 7001), Map.of("If-Match", etag))
                        .status())
                .isEqualTo(200);
        assertError(
                admin.send("PATCH", "/api/v1/groups/etag", Map.of("gid", 7002), Map.of("If-Match", etag)), 412, null);
        assertThat(admin.get("/api/v1/groups/etag").json().path("gid").asInt()).isEqualTo(7001);
    }

    @Test
    void protocolRequestsAreCountedPerOperationWithTheirBytes() throws Exception {
        int nfsPort = admin.get("/api/v1/adapters/nfs")
                .json()
                .path("endpoints")
                .get(0)
                .path("port")
                .asInt();
        var rpc = io.dittofs.nfs.client.RpcClient.connect(
                new InetSocketAddress("127.0.0.1", nfsPort), 1 << 20, java.time.Duration.ofSeconds(10));
        try (rpc) {
            var credential = new io.dittofs.nfs.rpc.AuthSysParms(0, "test", 0, 0, new int[0]).toCredential();
            var root = new io.dittofs.nfs.client.MountClient(rpc, credential).mnt("/export");
            assertThat(root).isNotNull();
            io.dittofs.nfs.client.Nfs3Client nfs = new io.dittofs.nfs.client.Nfs3Client(rpc, credential);
            nfs.nullCall();
            nfs.nullCall();
        }
        String m = anonymous().get("/metrics").body();
        assertThat(m)
                .containsPattern(
                        "dittofs_requests_seconds_count\\{[^}]*operation=\"NULL\"[^}]*protocol=\"nfs3\"[^}]*} [2-9]");
        assertThat(m).containsPattern("dittofs_requests_seconds_count\\{[^}]*operation=\"MNT\"[^}]*protocol=\"mount\"");
        assertThat(m).containsPattern("dittofs_bytes_received_bytes_total\\{protocol=\"nfs3\"} [1-9]");
        assertThat(m).containsPattern("dittofs_bytes_sent_bytes_total\\{protocol=\"nfs3\"} [1-9]");
    }

    @Test
    void aUserMadeThroughTheApiLogsInOverSmbAndSmbCommandsAreCounted() throws Exception {
        admin.send("POST", "/api/v1/users", Map.of("name", "smbuser", "uid", 9001, "password", "smb-pass-1"));
        int smbPort = admin.get("/api/v1/adapters/smb")
                .json()
                .path("endpoints")
                .get(0)
                .path("port")
                .asInt();
        try (com.hierynomus.smbj.SMBClient client = new com.hierynomus.smbj.SMBClient();
                com.hierynomus.smbj.connection.Connection c = client.connect("127.0.0.1", smbPort)) {
            com.hierynomus.smbj.session.Session s = c.authenticate(new com.hierynomus.smbj.auth.AuthenticationContext(
                    "smbuser", "smb-pass-1".toCharArray(), "WORKGROUP"));
            try (com.hierynomus.smbj.share.DiskShare share =
                    (com.hierynomus.smbj.share.DiskShare) s.connectShare("export")) {
                assertThat(share.list("")).isNotNull();
            }
        }
        String m = anonymous().get("/metrics").body();
        assertThat(m)
                .containsPattern(
                        "dittofs_requests_seconds_count\\{[^}]*operation=\"SESSION_SETUP\"[^}]*protocol=\"smb2\"");
        assertThat(m)
                .containsPattern(
                        "dittofs_requests_seconds_count\\{[^}]*operation=\"QUERY_DIRECTORY\"[^}]*protocol=\"smb2\"");
        assertThat(m).containsPattern("dittofs_bytes_received_bytes_total\\{protocol=\"smb2\"} [1-9]");
        assertThat(m).containsPattern("dittofs_bytes_sent_bytes_total\\{protocol=\"smb2\"} [1-9]");
    }

    @Test
    void theBlockPipelinesCountersAreOnMetricsAndMoveAfterAWrite() throws Exception {
        FileSystem fs = daemon.runtime().shares().byName("export").orElseThrow().fileSystem();
        ContentStore content = ((PosixFileSystem) ((CoherentFileSystem) fs).inner()).content();
        AuthContext root = AuthContext.internal(Principal.ROOT);
        NodeId f = fs.createFile(root, fs.root(), "metered", SetAttributes.NONE, CreateMode.GUARDED)
                .created()
                .id();
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        String before = anonymous().get("/metrics").body();
        NodeId copy = fs.createFile(root, fs.root(), "metered-copy", SetAttributes.NONE, CreateMode.GUARDED)
                .created()
                .id();
        fs.write(root, f, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        fs.write(root, copy, 0, ByteBuffer.wrap(data), Stability.UNSTABLE); // the same chunks: dedup
        fs.commit(root, f);
        fs.commit(root, copy);
        assertThat(pipeline(anonymous().get("/metrics").body(), "log_bytes")).isPositive();

        content.drain(); // the syncer's rollup, now rather than in 2 s
        content.evictCache();
        assertThat(fs.read(root, f, 0, data.length).data()).isEqualTo(ByteBuffer.wrap(data)); // from the remote
        assertThat(fs.read(root, f, 0, 4096).data()).isEqualTo(ByteBuffer.wrap(data, 0, 4096)); // cached now

        String after = anonymous().get("/metrics").body();
        assertThat(pipeline(after, "pending_files")).isZero();
        for (String counter : List.of(
                "rollups_total",
                "uploaded_chunks_total",
                "uploaded_objects_total",
                "uploaded_bytes_total",
                "dedup_chunks_total",
                "cache_misses_total",
                "cache_hits_total",
                "fetched_bytes_total")) {
            assertThat(pipeline(after, counter)).as(counter).isGreaterThan(pipeline(before, counter));
        }
        assertThat(pipeline(after, "uploaded_bytes_total") - pipeline(before, "uploaded_bytes_total"))
                .as("each distinct byte uploaded once")
                .isEqualTo(300_000.0);
        JsonNode status = anonymous().get("/status").json().path("pipelines");
        JsonNode export = null;
        for (JsonNode p : status) {
            export = p.path("share").asText().equals("export") ? p : export;
        }
        assertThat(export).as("/status pipelines: %s", status).isNotNull();
        assertThat(export.path("uploadedChunks").asLong()).isPositive();
        assertThat(export.path("cacheMisses").asLong()).isPositive();
        assertThat(export.path("pendingFiles").asInt()).isZero();
        for (String counter : List.of(
                "rollup_failures_total",
                "upload_retries_total",
                "upload_failures_total",
                "gc_deleted_chunks_total",
                "uploaded_packs_total",
                "repacked_packs_total")) {
            assertThat(after).containsPattern("dittofs_pipeline_" + counter + "\\{share=\"export\"}");
        }
    }

    /** A pipeline meter's value for share "export" in a Prometheus scrape (0 when absent). */
    private static double pipeline(String scrape, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?m)^dittofs_pipeline_" + name + "(?:_bytes)?\\{share=\"export\"} (\\S+)$")
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void healthReadinessStatusAndMetricsAnswer() throws Exception {
        assertThat(anonymous().get("/health").json().path("status").asText()).isEqualTo("ok");
        assertThat(anonymous().get("/ready").status()).isEqualTo(200);
        assertThat(anonymous().get("/status").json().path("shares").toString()).contains("export");
        assertThat(admin.get("/api/v1/status").json().path("adapters")).isNotEmpty();
        Http.Reply m = anonymous().get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.headers().get("content-type").getFirst()).startsWith("text/plain");
        assertThat(m.body())
                .contains("dittofs_requests_seconds_count{")
                .contains("protocol=\"http\"")
                .contains("dittofs_sessions{adapter=\"nfs\"}")
                .contains("dittofs_open_files")
                .contains("dittofs_shares");
    }
}
