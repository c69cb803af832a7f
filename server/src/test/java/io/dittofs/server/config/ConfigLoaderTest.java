package io.dittofs.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static ConfigException failure(String yaml) {
        try {
            ConfigLoader.parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a config error for:\n" + yaml);
    }

    @Test
    void aFullConfigReadsIntoTypedRecordsWithDefaultsForWhatIsLeftOut() throws Exception {
        DittoConfig c = ConfigLoader.parse("""
                server:
                  dataDir: /var/lib/dittofs
                metadataStores:
                  - name: meta
                    type: memory
                blockStores:
                  - name: disk
                    type: filesystem
                    path: /srv/blocks
                shares:
                  - name: export
                    metadataStore: meta
                    blockStore: disk
                    squash: root
                    allowedNetworks: [10.0.0.0/8]
                adapters:
                  nfs: {port: 2049, portmapPort: 0}
                  smb: {enabled: false}
                users:
                  - {name: alice, uid: 1000, gid: 1000, password: secret}
                """);
        assertThat(c.server().dataDir()).isEqualTo(Path.of("/var/lib/dittofs"));
        assertThat(c.server().bind()).isEqualTo("0.0.0.0");
        assertThat(c.server().shutdownGraceSeconds()).isEqualTo(10);
        assertThat(c.shares()).singleElement().satisfies(s -> assertThat(s.squash())
                .isEqualTo("root"));
        assertThat(c.adapters().smb().isEnabled()).isFalse();
        assertThat(c.adapters().api().isEnabled()).isTrue();
        assertThat(c.users().getFirst().toString()).doesNotContain("secret");
    }

    @Test
    void anEmptyFileIsTheDefaults() throws Exception {
        assertThat(ConfigLoader.parse("").shares()).isEmpty();
    }

    @Test
    void anUnknownKeyIsNamedWithItsPathAndTheKnownKeys() {
        ConfigException e = failure("""
                shares:
                  - name: export
                    metadataStore: m
                    blockStore: b
                    readonly: true
                """);
        assertThat(e.problems())
                .singleElement()
                .asString()
                .startsWith("shares[0].readonly: unknown key")
                .contains("readOnly");
    }

    @Test
    void aWrongTypeIsNamedWithItsPathAndLine() {
        ConfigException e = failure("adapters:\n  nfs:\n    port: twenty\n");
        assertThat(e.problems())
                .singleElement()
                .asString()
                .startsWith("adapters.nfs.port:")
                .contains("line 3");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThat(failure("shares: [\n").getMessage()).startsWith("shares:").contains("line 2");
    }

    @Test
    void aMissingFileIsAConfigError() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/dittofs.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such file");
    }
}
