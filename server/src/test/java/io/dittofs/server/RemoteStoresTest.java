package io.dittofs.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.server.config.BlockStoreConfig;
import io.dittofs.server.config.S3Config;
import io.dittofs.server.config.SealConfig;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.testkit.S3ProxyExtension;
import io.dittofs.store.block.testkit.S3ProxyServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreFactory} builds an S3 store, sealed, from config, against a real S3 server. */
class RemoteStoresTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.filesystem();

    @TempDir
    Path tmp;

    @Test
    void aSealedS3StoreFromConfigStoresOnlyCiphertextAndReadsItBack() throws Exception {
        S3ProxyServer server = S3.server();
        Path keyFile = tmp.resolve("keys/kek");
        BlockStoreConfig config = new BlockStoreConfig(
                "remote",
                "s3",
                null,
                new S3Config(
                        server.endpoint().toString(),
                        server.region(),
                        "dittofs",
                        "share1/",
                        true,
                        server.accessKey(),
                        server.secretKey(),
                        true,
                        null,
                        null,
                        null),
                new SealConfig("lz4", null, "chacha20-poly1305", keyFile, 4096));
        byte[] text =
                "the quick brown fox jumps over the lazy dog. ".repeat(500).getBytes(StandardCharsets.US_ASCII);

        try (BlockStore store = StoreFactory.blocks(config)) {
            store.put("a/1", ByteBuffer.wrap(text));
            ByteBuffer back = store.get("a/1").orElseThrow();
            byte[] read = new byte[back.remaining()];
            back.get(read);
            assertThat(read).isEqualTo(text);
            assertThat(store.stat("a/1").orElseThrow().size()).isEqualTo(text.length);
        }

        byte[] stored = Files.readAllBytes(server.dataDirectory().resolve("dittofs/share1/a/1"));
        assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("DFSF");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("quick brown");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }
}
