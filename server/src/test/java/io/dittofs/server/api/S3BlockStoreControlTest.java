package io.dittofs.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.server.Daemon;
import io.dittofs.server.config.BlockStoreConfig;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.S3Config;
import io.dittofs.server.config.SealConfig;
import io.dittofs.server.config.ShareConfig;
import io.dittofs.store.block.testkit.S3ProxyExtension;
import io.dittofs.store.block.testkit.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 block stores, sealed, through the control plane: seeded from the YAML config and kept across
 * restarts (when the saved state, not the file, is what runs), and created over the REST API with
 * flat settings and a write-only secret key, against a real S3 server.
 */
class S3BlockStoreControlTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.filesystem();

    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);

    @TempDir
    Path data;

    @Test
    void anS3StoreFromTheConfigFileSurvivesIntoTheSavedStateAndServesARemoteDurableShare() throws Exception {
        S3ProxyServer s3 = S3.server();
        DittoConfig base = ApiFixture.config(data);
        List<BlockStoreConfig> blocks = new ArrayList<>(base.blockStores());
        blocks.add(new BlockStoreConfig(
                "remote",
                "s3",
                null,
                new S3Config(
                        s3.endpoint().toString(),
                        s3.region(),
                        "from-yaml",
                        "dfs/",
                        true,
                        s3.accessKey(),
                        s3.secretKey(),
                        true,
                        null,
                        null,
                        2),
                new SealConfig("zstd", 3, "aes-256-gcm", data.resolve("keys/kek"), null)));
        List<ShareConfig> shares = new ArrayList<>(base.shares());
        ShareConfig first = shares.getFirst();
        shares.add(new ShareConfig(
                "cold",
                first.metadataStore(),
                "remote",
                false,
                first.squash(),
                first.anonUid(),
                first.anonGid(),
                first.allowedNetworks(),
                first.secure(),
                first.guest(),
                first.protocols(),
                "remote",
                first.smbEncryption(),
                first.smbContinuousAvailability()));
        DittoConfig config = new DittoConfig(
                base.server(), base.metadataStores(), blocks, shares, base.adapters(), base.users(), base.groups());

        try (Daemon daemon = Daemon.start(config, ApiFixture.ADMIN_PASSWORD)) {
            writeStable(daemon, "cold", "first.txt", "written on the first start");
            Http admin = new Http(daemon.apiPort()).login("admin", ApiFixture.ADMIN_PASSWORD);
            JsonNode view = admin.get("/api/v1/stores/block/remote").json();
            assertThat(view.path("type").asText()).isEqualTo("s3");
            assertThat(view.path("settings").path("bucket").asText()).isEqualTo("from-yaml");
            assertThat(view.path("settings").path("encryption").asText()).isEqualTo("aes-256-gcm");
            assertThat(view.path("secrets").get(0).asText()).isEqualTo("secretKey");
            assertThat(view.toString()).doesNotContain(s3.secretKey());
        }
        assertThat(Files.readString(data.resolve("control/state.json"))).doesNotContain(s3.secretKey());
        long objects = sealedObjectsUnder(s3.dataDirectory().resolve("from-yaml"));
        assertThat(objects).as("remote durability put the content in S3").isPositive();

        // The second start runs the saved state: the store must still be S3, sealed, with its key.
        try (Daemon daemon = Daemon.start(config, ApiFixture.ADMIN_PASSWORD)) {
            assertThat(read(daemon, "cold", "first.txt")).isEqualTo("written on the first start");
            writeStable(daemon, "cold", "second.txt", "written on the second start, after the first");
        }
        assertThat(sealedObjectsUnder(s3.dataDirectory().resolve("from-yaml"))).isGreaterThan(objects);
    }

    @Test
    void anS3StoreIsCreatedOverTheApiWithAWriteOnlySecretAndBadSettingsAreRefusedByField() throws Exception {
        S3ProxyServer s3 = S3.server();
        try (Daemon daemon = ApiFixture.start(data)) {
            Http admin = new Http(daemon.apiPort()).login("admin", ApiFixture.ADMIN_PASSWORD);
            Map<String, String> settings = new HashMap<>(Map.of(
                    "endpoint", s3.endpoint().toString(),
                    "region", s3.region(),
                    "bucket", "from-api",
                    "pathStyle", "true",
                    "createBucket", "true",
                    "accessKey", s3.accessKey(),
                    "compression", "lz4",
                    "partConcurrency", "3",
                    "encryption", "chacha20-poly1305",
                    "keyFile", data.resolve("keys/api-kek").toString()));

            assertRefused(admin, "s3", with(settings, "pathStyle", "maybe"), true, "settings.pathStyle");
            assertRefused(admin, "s3", with(settings, "frameSize", "big"), true, "settings.frameSize");
            assertRefused(admin, "s3", with(settings, "partConcurrency", "0"), true, "settings.partConcurrency");
            assertRefused(admin, "s3", with(settings, "bucket", ""), true, "settings.bucket");
            assertRefused(admin, "s3", with(settings, "compression", "gzip"), true, "settings.compression");
            assertRefused(admin, "s3", settings, false, "settings.accessKey");
            assertRefused(admin, "filesystem", Map.of("bucket", "x"), false, "settings.bucket");

            Http.Reply created = admin.send(
                    "POST",
                    "/api/v1/stores/block",
                    Map.of(
                            "name",
                            "s3b",
                            "type",
                            "s3",
                            "settings",
                            settings,
                            "secrets",
                            Map.of("secretKey", s3.secretKey())));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain(s3.secretKey());
            assertThat(Files.readString(data.resolve("control/state.json"))).doesNotContain(s3.secretKey());

            Http.Reply share = admin.send(
                    "POST",
                    "/api/v1/shares",
                    Map.of(
                            "name",
                            "api-cold",
                            "metadataStore",
                            "default",
                            "blockStore",
                            "s3b",
                            "durability",
                            "remote"));
            assertThat(share.status()).as(share.body()).isEqualTo(201);
            writeStable(daemon, "api-cold", "a.txt", "stable only once S3 holds it");
            assertThat(read(daemon, "api-cold", "a.txt")).isEqualTo("stable only once S3 holds it");
        }
        assertThat(sealedObjectsUnder(s3.dataDirectory().resolve("from-api"))).isPositive();
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> m = new HashMap<>(settings);
        m.put(key, value);
        return m;
    }

    private static void assertRefused(
            Http admin, String type, Map<String, String> settings, boolean withSecret, String field) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("name", "bad", "type", type, "settings", settings));
        if (withSecret) {
            body.put("secrets", Map.of("secretKey", "s"));
        }
        Http.Reply r = admin.send("POST", "/api/v1/stores/block", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(admin.get("/api/v1/stores/block/bad").status()).isEqualTo(404);
    }

    private static void writeStable(Daemon daemon, String share, String name, String text) {
        FileSystem fs = daemon.runtime().shares().byName(share).orElseThrow().fileSystem();
        NodeId f = fs.createFile(ROOT, fs.root(), name, SetAttributes.NONE, CreateMode.GUARDED)
                .created()
                .id();
        fs.write(ROOT, f, 0, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Stability.FILE_SYNC);
    }

    private static String read(Daemon daemon, String share, String name) {
        FileSystem fs = daemon.runtime().shares().byName(share).orElseThrow().fileSystem();
        NodeId f = fs.lookup(ROOT, fs.root(), name).id();
        return StandardCharsets.UTF_8
                .decode(fs.read(ROOT, f, 0, 1 << 16).data())
                .toString();
    }

    /** Objects in the S3 server's folder for a bucket that are sealed (start with the DFSF magic). */
    private static long sealedObjectsUnder(Path bucket) {
        if (!Files.isDirectory(bucket)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(bucket)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        try {
                            byte[] b = Files.readAllBytes(p);
                            return b.length >= 4 && new String(b, 0, 4, StandardCharsets.US_ASCII).equals("DFSF");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
