package io.dittofs.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.share.Squash;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidatorTest {
    @TempDir
    Path tmp;

    private List<String> problems(String yaml) throws ConfigException {
        try {
            ConfigValidator.validate(ConfigLoader.parse(yaml));
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    private String stores() {
        return """
                metadataStores: [{name: meta, type: memory}]
                blockStores: [{name: disk, type: filesystem, path: %s}]
                """.formatted(tmp);
    }

    @Test
    void aValidShareBecomesRuntimeOptions() throws Exception {
        List<ConfigValidator.ValidShare> shares = ConfigValidator.validate(ConfigLoader.parse(stores() + """
                shares:
                  - {name: export, metadataStore: meta, blockStore: disk, squash: all, protocols: [smb], readOnly: true}
                """));
        assertThat(shares).singleElement().satisfies(s -> {
            assertThat(s.options().squash()).isEqualTo(Squash.ALL);
            assertThat(s.options().protocols()).containsExactly(Protocol.SMB2);
            assertThat(s.options().readOnly()).isTrue();
            assertThat(s.durability()).isEqualTo(io.dittofs.runtime.content.ContentSettings.Durability.LOCAL);
        });
    }

    @Test
    void aShareNamingAnUnknownStoreIsRefused() throws Exception {
        assertThat(problems(stores() + "shares: [{name: x, metadataStore: nope, blockStore: disk}]"))
                .containsExactly("shares[0].metadataStore: no metadata store named 'nope'");
    }

    @Test
    void aMissingStoreFolderIsRefused() throws Exception {
        assertThat(problems("blockStores: [{name: b, type: filesystem, path: " + tmp.resolve("missing") + "}]"))
                .singleElement()
                .asString()
                .startsWith("blockStores[0].path: folder")
                .endsWith("does not exist");
    }

    @Test
    void badPortsAreRefused() throws Exception {
        assertThat(problems("adapters: {nfs: {port: 70000}, smb: {port: 0}, api: {port: -1}}"))
                .containsExactlyInAnyOrder(
                        "adapters.nfs.port: 70000 is not a port (1 to 65535)",
                        "adapters.smb.port: 0 is not a port (1 to 65535)",
                        "adapters.api.port: -1 is not a port (1 to 65535)");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        assertThat(problems(stores() + """
                shares:
                  - {name: "a/b", metadataStore: meta, blockStore: disk, squash: some, allowedNetworks: [bogus]}
                  - {name: Export, metadataStore: meta, blockStore: disk}
                  - {name: export, metadataStore: meta, blockStore: disk}
                server: {bind: localhost}
                """))
                .hasSize(5)
                .anyMatch(p -> p.startsWith("shares[0].name:"))
                .anyMatch(p -> p.startsWith("shares[0].squash:"))
                .anyMatch(p -> p.startsWith("shares[0].allowedNetworks[0]:"))
                .anyMatch(p -> p.startsWith("shares[2].name: duplicate"))
                .anyMatch(p -> p.startsWith("server.bind:"));
    }

    @Test
    void unknownStoreTypesAndDuplicateUsersAreRefused() throws Exception {
        assertThat(problems("""
                metadataStores: [{name: m, type: badger}]
                users:
                  - {name: alice, uid: 1000, gid: 1000}
                  - {name: alice, uid: 1000, gid: 1000}
                """))
                .containsExactlyInAnyOrder(
                        "metadataStores[0].type: must be one of [rocksdb, postgres, memory], not 'badger'",
                        "users[1].name: duplicate user 'alice'",
                        "users[1].uid: uid 1000 is used by another user");
    }

    @Test
    void aPostgresStoreNeedsAJdbcUrlAndOthersTakeNoDatabaseKeys() throws Exception {
        assertThat(problems("""
                metadataStores:
                  - {name: pg, type: postgres, url: "postgres://x", schema: Bad-Schema}
                  - {name: r, type: rocksdb, url: "jdbc:postgresql://h/db"}
                """))
                .containsExactlyInAnyOrder(
                        "metadataStores[0].url: a postgres store needs a JDBC URL (jdbc:postgresql://host:port/database)",
                        "metadataStores[0].schema: lower-case letters, digits and '_', up to 63",
                        "metadataStores[1]: url, user, password and schema are for postgres stores only");
    }
}
