package io.dittofs.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dittofs.cli.Dfsctl;
import io.dittofs.it.ServerUnderTest;
import io.dittofs.server.Daemon;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.ServerSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real dfsctl command line (its main entry, in this JVM) against the real daemon over HTTP. */
class DfsctlTest {
    private static final String PASSWORD = "cli-admin-pass";

    @TempDir
    static Path data;

    @TempDir
    static Path home;

    private static Daemon daemon;
    private static String url;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        DittoConfig base = EmbeddedDefault.config(data);
        DittoConfig config = new DittoConfig(
                new ServerSettings(data, "127.0.0.1", 5),
                base.metadataStores(),
                base.blockStores(),
                base.shares(),
                new AdaptersConfig(
                        new AdapterConfig(true, ServerUnderTest.freePort(), 0),
                        new AdapterConfig(true, ServerUnderTest.freePort(), null),
                        new AdapterConfig(true, ServerUnderTest.freePort(), null)),
                List.of(),
                List.of());
        daemon = Daemon.start(config, PASSWORD);
        url = "http://127.0.0.1:" + daemon.apiPort();
        assertThat(dfsctl(Map.of("DFSCTL_PASSWORD", PASSWORD), "login").code()).isZero();
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    static Run dfsctl(String... args) {
        return dfsctl(Map.of(), args);
    }

    static Run dfsctl(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("DFSCTL_CONFIG_DIR", home.toString());
        env.put("DFSCTL_SERVER", url);
        env.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dfsctl.run(args, env, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run ok(String... args) {
        Run r = dfsctl(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    @Test
    void loginKeepsTheTokenOwnerOnly() throws Exception {
        Path creds = home.resolve("credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(creds)).contains("accessToken").doesNotContain(PASSWORD);
    }

    @Test
    void aShareIsCreatedListedShownChangedAndDeleted() throws Exception {
        assertThat(ok("share", "create", "docs", "--squash", "root").out()).contains("share 'docs' created");
        assertThat(daemon.runtime().shares().byName("docs")).isPresent();
        String table = ok("share", "list").out();
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("NAME").contains("METADATA", "SQUASH");
        assertThat(table).contains("docs").contains("export");
        JsonNode json = new ObjectMapper()
                .readTree(ok("share", "get", "docs", "-o", "json").out());
        assertThat(json.path("squash").asText()).isEqualTo("root");
        assertThat(ok("share", "get", "docs", "-o", "yaml").out())
                .contains("name: \"docs\"")
                .contains("squash: \"root\"");
        ok("share", "update", "docs", "--read-only");
        assertThat(daemon.runtime()
                        .shares()
                        .byName("docs")
                        .orElseThrow()
                        .options()
                        .readOnly())
                .isTrue();
        assertThat(ok("share", "delete", "docs").out()).contains("share 'docs' deleted");
        assertThat(daemon.runtime().shares().byName("docs")).isEmpty();
    }

    @Test
    void usersGroupsAndStoresAreManaged() throws Exception {
        ok("group", "create", "eng", "--gid", "1500");
        assertThat(ok("user", "create", "gina", "--uid", "1501", "--groups", "eng", "--password", "gina-pass-1")
                        .out())
                .contains("user 'gina' created");
        assertThat(ok("user", "list").out()).contains("gina").contains("1501");
        assertThat(ok("group", "get", "eng").out()).contains("gina");
        ok("user", "update", "gina", "--gid", "1500");
        assertThat(daemon.runtime()
                        .identities()
                        .userByName("gina")
                        .orElseThrow()
                        .gid())
                .isEqualTo(1500);
        ok("user", "passwd", "gina", "--password", "gina-pass-2");
        ok("group", "remove-member", "eng", "gina");
        ok("user", "delete", "gina");
        ok("group", "delete", "eng");

        Path blocks = Files.createDirectories(data.resolve("cli-blocks"));
        ok("store", "create", "block", "cold", "--type", "filesystem", "--set", "path=" + blocks);
        ok(
                "store",
                "create",
                "metadata",
                "pg",
                "--type",
                "postgres",
                "--set",
                "url=jdbc:postgresql://127.0.0.1/x",
                "--secret",
                "password=hush-hush");
        String list = ok("store", "list").out();
        assertThat(list).contains("cold").contains("pg").contains("password").doesNotContain("hush-hush");
        ok("store", "delete", "metadata", "pg");
        ok("store", "delete", "block", "cold");
    }

    @Test
    void adaptersAreSwitchedLive() throws Exception {
        int port = ServerUnderTest.freePort();
        assertThat(ok("adapter", "disable", "smb").out()).contains("adapter smb disabled");
        assertThat(ok("adapter", "enable", "smb", "--port", Integer.toString(port))
                        .out())
                .contains("adapter smb enabled, running on")
                .contains("port=" + port);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
        assertThat(ok("adapter", "list").out()).contains("nfs").contains("smb");
    }

    @Test
    void statusNeedsNoLogin() {
        Run r = dfsctl(Map.of("DFSCTL_CONFIG_DIR", home.resolve("nobody").toString()), "status");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("ADAPTER")
                .contains("export")
                .contains("PIPELINE")
                .contains("PENDING FILES");
    }

    @Test
    void errorsSayWhatToDoAndExitWithTheirCode() throws Exception {
        Run missing = dfsctl("share", "get", "nope");
        assertThat(missing.code()).isEqualTo(5);
        assertThat(missing.err()).isEqualTo("dfsctl: share 'nope' not found\n");

        Run invalid = dfsctl("share", "create", "a/b");
        assertThat(invalid.code()).isEqualTo(6);
        assertThat(invalid.err()).startsWith("dfsctl: name: ").contains("no '/'");

        Run conflict = dfsctl("store", "delete", "block", "default");
        assertThat(conflict.code()).isEqualTo(7);

        int closed = ServerUnderTest.freePort();
        Run unreachable = dfsctl(Map.of("DFSCTL_SERVER", "http://127.0.0.1:" + closed), "share", "list");
        assertThat(unreachable.code()).isEqualTo(3);
        assertThat(unreachable.err()).contains("server not reachable at http://127.0.0.1:" + closed);

        Run notLoggedIn =
                dfsctl(Map.of("DFSCTL_CONFIG_DIR", home.resolve("empty").toString()), "share", "list");
        assertThat(notLoggedIn.code()).isEqualTo(4);
        assertThat(notLoggedIn.err()).contains("run dfsctl login");
    }

    @Test
    void anExpiredTokenIsRefreshedAndAnExpiredLoginSaysToLogInAgain() throws Exception {
        Path dir = Files.createDirectories(home.resolve("expired"));
        byte[] key = Files.readAllBytes(data.resolve("control/jwt.key"));
        String expiredAccess = token(key, "access", -60);
        String validRefresh = token(key, "refresh", 3600);
        write(dir, expiredAccess, validRefresh);
        Run refreshed = dfsctl(Map.of("DFSCTL_CONFIG_DIR", dir.toString()), "share", "list");
        assertThat(refreshed.code()).as(refreshed.err()).isZero();
        assertThat(Files.readString(dir.resolve("credentials.json"))).doesNotContain(expiredAccess);

        write(dir, expiredAccess, token(key, "refresh", -60));
        Run expired = dfsctl(Map.of("DFSCTL_CONFIG_DIR", dir.toString()), "share", "list");
        assertThat(expired.code()).isEqualTo(4);
        assertThat(expired.err()).isEqualTo("dfsctl: token expired: run dfsctl login\n");
    }

    @Test
    void shellCompletionIsGenerated() {
        Run r = ok("generate-completion");
        assertThat(r.out()).contains("complete").contains("dfsctl").contains("share");
    }

    private static void write(Path dir, String access, String refresh) throws Exception {
        Files.writeString(
                dir.resolve("credentials.json"),
                new ObjectMapper()
                        .writeValueAsString(Map.of(
                                "server", url, "user", "admin", "accessToken", access, "refreshToken", refresh)));
    }

    private static String token(byte[] key, String type, long expiresInSeconds) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .issuer("dittofs")
                        .subject("admin")
                        .claim("role", "admin")
                        .claim("typ", type)
                        .issueTime(Date.from(now.minusSeconds(3600)))
                        .expirationTime(Date.from(now.plusSeconds(expiresInSeconds)))
                        .build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
