package io.dittofs.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.server.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the API changes survives a restart of the daemon, and the YAML seeds only the first start. */
class ControlStatePersistenceTest {
    @TempDir
    Path data;

    @Test
    void usersGroupsStoresSharesAndAdaptersSurviveARestart() throws Exception {
        Path blocks = Files.createDirectories(data.resolve("more-blocks"));
        int smbPort;
        try (Daemon d = ApiFixture.start(data)) {
            Http admin = new Http(d.apiPort()).login("admin", ApiFixture.ADMIN_PASSWORD);
            admin.send("POST", "/api/v1/groups", Map.of("name", "team", "gid", 900));
            admin.send(
                    "POST",
                    "/api/v1/users",
                    Map.of("name", "frank", "uid", 901, "groups", List.of("team"), "password", "frank-pass-1"));
            admin.send(
                    "POST",
                    "/api/v1/stores/block",
                    Map.of("name", "more", "type", "filesystem", "settings", Map.of("path", blocks.toString())));
            admin.send(
                    "POST",
                    "/api/v1/shares",
                    Map.of("name", "kept", "blockStore", "more", "metadataStore", "default", "squash", "all"));
            admin.send("PATCH", "/api/v1/adapters/smb", Map.of("enabled", false));
            smbPort = ApiFixture.freePort();
        }
        // The second start is given other ports, but no explicit smb setting: the saved one holds.
        try (Daemon d = Daemon.start(ApiFixture.config(data), "ignored-now")) {
            Http admin = new Http(d.apiPort()).login("admin", ApiFixture.ADMIN_PASSWORD);
            assertThat(admin.get("/api/v1/users/frank")
                            .json()
                            .path("groups")
                            .get(0)
                            .asText())
                    .isEqualTo("team");
            assertThat(d.runtime()
                            .identities()
                            .userByName("frank")
                            .orElseThrow()
                            .ntHash())
                    .isNotNull();
            assertThat(admin.get("/api/v1/stores/block/more")
                            .json()
                            .path("settings")
                            .path("path")
                            .asText())
                    .isEqualTo(blocks.toString());
            assertThat(admin.get("/api/v1/shares/kept").json().path("squash").asText())
                    .isEqualTo("all");
            assertThat(d.runtime().shares().byName("kept")).isPresent();
            new Http(d.apiPort()).login("frank", "frank-pass-1");
            assertThat(smbPort).isPositive();
        }
        // Offline tools see the shares the API made, not only the config's.
        try (io.dittofs.server.OfflineShare s = io.dittofs.server.OfflineShare.open(ApiFixture.config(data), "kept")) {
            assertThat(s.name()).isEqualTo("kept");
        }
    }

    @Test
    void withoutAGivenPasswordTheFirstStartPrintsAGeneratedOneOnceOnly() throws Exception {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream second = new java.io.ByteArrayOutputStream();
        String password;
        try {
            System.setErr(new java.io.PrintStream(first, true, java.nio.charset.StandardCharsets.UTF_8));
            try (Daemon d = Daemon.start(ApiFixture.config(data), null)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("password '([^']+)'")
                        .matcher(first.toString(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(m.find()).as(first.toString()).isTrue();
                password = m.group(1);
                assertThat(password).hasSizeGreaterThanOrEqualTo(16);
                new Http(d.apiPort()).login("admin", password);
            }
            System.setErr(new java.io.PrintStream(second, true, java.nio.charset.StandardCharsets.UTF_8));
            try (Daemon d = Daemon.start(ApiFixture.config(data), null)) {
                new Http(d.apiPort()).login("admin", password);
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(second.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(password);
        assertThat(Files.readString(data.resolve("control/state.json"))).doesNotContain(password);
    }

    @Test
    void theFirstAdminIsCreatedOnceFromTheGivenPassword() throws Exception {
        try (Daemon d = Daemon.start(ApiFixture.config(data), "first-password")) {
            new Http(d.apiPort()).login("admin", "first-password");
        }
        try (Daemon d = Daemon.start(ApiFixture.config(data), "second-password")) {
            Http.Reply r = new Http(d.apiPort())
                    .send("POST", "/api/v1/auth/login", Map.of("username", "admin", "password", "second-password"));
            assertThat(r.status()).isEqualTo(401);
            new Http(d.apiPort()).login("admin", "first-password");
        }
    }
}
