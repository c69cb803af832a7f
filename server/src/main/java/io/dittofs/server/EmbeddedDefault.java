package io.dittofs.server;

import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.BlockStoreConfig;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.MetadataStoreConfig;
import io.dittofs.server.config.ServerSettings;
import io.dittofs.server.config.ShareConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code dittofs start} runs with no config file: one share, {@code export}, with its
 * namespace in RocksDB and its blocks on local disk under the data folder, served by every adapter.
 */
public final class EmbeddedDefault {
    public static final String SHARE = "export";

    private EmbeddedDefault() {}

    public static DittoConfig config(@Nullable Path dataDir) {
        ServerSettings server = new ServerSettings(dataDir, null, null);
        Path blocks = server.dataDir().resolve("blocks");
        try {
            Files.createDirectories(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + blocks, e);
        }
        return new DittoConfig(
                server,
                List.of(new MetadataStoreConfig("default", "rocksdb", null)),
                List.of(new BlockStoreConfig("default", "filesystem", blocks)),
                List.of(new ShareConfig(
                        SHARE, "default", "default", null, null, null, null, null, null, null, null, null, null, null)),
                AdaptersConfig.DEFAULTS,
                List.of(),
                List.of());
    }

    /** {@code base} with the command line's settings, where given, taking precedence. */
    public static DittoConfig withOverrides(
            DittoConfig base,
            @Nullable Path dataDir,
            @Nullable String bind,
            @Nullable Integer nfsPort,
            @Nullable Integer smbPort,
            @Nullable Integer apiPort) {
        ServerSettings s = base.server();
        ServerSettings server = new ServerSettings(
                dataDir != null ? dataDir : s.dataDir(), bind != null ? bind : s.bind(), s.shutdownGraceSeconds());
        AdaptersConfig a = base.adapters();
        AdaptersConfig adapters = new AdaptersConfig(
                port(a.nfs(), nfsPort),
                port(a.smb(), smbPort),
                apiPort != null && apiPort == 0 ? new AdapterConfig(false, null, null) : port(a.api(), apiPort));
        return new DittoConfig(
                server,
                base.metadataStores(),
                base.blockStores(),
                base.shares(),
                adapters,
                base.users(),
                base.groups());
    }

    private static AdapterConfig port(AdapterConfig c, @Nullable Integer port) {
        return port == null ? c : new AdapterConfig(c.enabled(), port, c.portmapPort(), c.signing(), c.encryption());
    }
}
