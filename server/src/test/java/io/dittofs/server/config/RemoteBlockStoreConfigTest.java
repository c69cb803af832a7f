package io.dittofs.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code s3} block store type and the {@code seal} settings of any block store. */
class RemoteBlockStoreConfigTest {
    private static List<String> problems(String yaml) throws ConfigException {
        try {
            ConfigValidator.validate(ConfigLoader.parse(yaml));
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void anS3StoreWithSealingParsesIntoItsSettings() throws Exception {
        DittoConfig c = ConfigLoader.parse("""
                blockStores:
                  - name: remote
                    type: s3
                    s3:
                      endpoint: http://127.0.0.1:9000
                      region: eu-west-1
                      bucket: dittofs
                      prefix: share1/
                      pathStyle: true
                      accessKey: AKIDEXAMPLE
                      secretKey: wJalrXUtnFEMI
                      multipartThreshold: 33554432
                      partSize: 16777216
                      partConcurrency: 8
                    seal:
                      compression: zstd
                      zstdLevel: 5
                      encryption: chacha20-poly1305
                      keyFile: /etc/dittofs/kek
                      frameSize: 131072
                """);

        assertThat(problems("""
                blockStores:
                  - {name: remote, type: s3, s3: {endpoint: "http://127.0.0.1:9000", bucket: b, accessKey: a, secretKey: s}, seal: {keyFile: /k}}
                """)).isEmpty();
        BlockStoreConfig b = c.blockStores().getFirst();
        assertThat(b.s3()).isNotNull();
        assertThat(b.s3().bucket()).isEqualTo("dittofs");
        assertThat(b.s3().prefix()).isEqualTo("share1/");
        assertThat(b.s3().multipartThreshold()).isEqualTo(32L << 20);
        assertThat(b.s3().partSize()).isEqualTo(16 << 20);
        assertThat(b.s3().partConcurrency()).isEqualTo(8);
        assertThat(b.seal())
                .isEqualTo(new SealConfig("zstd", 5, "chacha20-poly1305", Path.of("/etc/dittofs/kek"), 131072));
        assertThat(b.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void badS3AndSealSettingsAreEachReportedByKey() throws Exception {
        assertThat(problems("""
                blockStores:
                  - {name: a, type: s3, s3: {region: x}}
                  - {name: b, type: s3, s3: {bucket: b, endpoint: "ftp://x", accessKey: only, prefix: "no-slash"}}
                  - {name: c, type: memory, seal: {compression: brotli, zstdLevel: 99, encryption: aes-256-gcm, frameSize: 12}}
                  - {name: d, type: memory, s3: {bucket: b}}
                  - {name: e, type: s3, s3: {bucket: b, multipartThreshold: -1, partSize: 1048576, partConcurrency: 65}}
                """))
                .containsExactlyInAnyOrder(
                        "blockStores[0].s3.bucket: an s3 store needs a bucket",
                        "blockStores[1].s3.endpoint: must be an http:// or https:// URL, not 'ftp://x'",
                        "blockStores[1].s3: give accessKey and secretKey together, or neither for the AWS default chain",
                        "blockStores[1].s3.prefix: segments of [A-Za-z0-9._-], each ending in '/', like 'dittofs/'",
                        "blockStores[2].seal.compression: must be one of [zstd, lz4, none], not 'brotli'",
                        "blockStores[2].seal.zstdLevel: must be -7 to -1 or 1 to 22",
                        "blockStores[2].seal.keyFile: aes-256-gcm needs a key file (created with mode 0600 when missing)",
                        "blockStores[2].seal.frameSize: must be 4096 to 16777216",
                        "blockStores[3].s3: only an s3 store has s3 settings",
                        "blockStores[4].s3.multipartThreshold: must not be negative",
                        "blockStores[4].s3.partSize: must be at least 5242880 (5 MiB, S3's minimum)",
                        "blockStores[4].s3.partConcurrency: must be 1 to 64");
    }

    @Test
    void aKeyFileAloneMeansAes256GcmAndNoSealSettingsMeanNoEncryption() {
        assertThat(new SealConfig(null, null, null, Path.of("/k"), null).effectiveEncryption())
                .isEqualTo("aes-256-gcm");
        assertThat(new SealConfig("lz4", null, null, null, null).effectiveEncryption())
                .isEqualTo("none");
    }
}
