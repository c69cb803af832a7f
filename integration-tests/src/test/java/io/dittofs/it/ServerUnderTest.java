package io.dittofs.it;

import io.dittofs.server.Daemon;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.ServerSettings;
import io.dittofs.server.config.ShareConfig;
import io.dittofs.server.config.UserConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * The real daemon, in this JVM, on loopback with free ports: the embedded default share
 * {@code export} over NFS and SMB, with a user {@code alice}/{@code secret} (uid 1000).
 */
public final class ServerUnderTest implements AutoCloseable {
    public static final String USER = "alice";
    public static final String PASSWORD = "secret";

    private final Path dataDir;
    private final int nfsPort;
    private final int smbPort;
    private final int portmapPort;
    private final boolean smbContinuousAvailability;
    private Daemon daemon;

    public ServerUnderTest(Path dataDir) throws Exception {
        this(dataDir, 0);
    }

    /**
     * @param portmapPort the built-in portmapper's port, or 0 for none. Kernel NFS clients that
     *     lock need one on port 111 (they have no option naming the server's NLM port).
     */
    public ServerUnderTest(Path dataDir, int portmapPort) throws Exception {
        this(dataDir, portmapPort, 0, false);
    }

    /** @param smbPort the SMB port, or 0 for a free one (some clients only reach 445) */
    public ServerUnderTest(Path dataDir, int portmapPort, int smbPort) throws Exception {
        this(dataDir, portmapPort, smbPort, false);
    }

    /** A server whose share offers SMB persistent handles ({@code smbContinuousAvailability}). */
    public static ServerUnderTest continuouslyAvailable(Path dataDir) throws Exception {
        return new ServerUnderTest(dataDir, 0, 0, true);
    }

    private ServerUnderTest(Path dataDir, int portmapPort, int smbPort, boolean smbContinuousAvailability)
            throws Exception {
        this.smbContinuousAvailability = smbContinuousAvailability;
        this.dataDir = dataDir;
        this.nfsPort = freePort();
        this.smbPort = smbPort == 0 ? freePort() : smbPort;
        this.portmapPort = portmapPort;
        start();
    }

    /** Starts (again) on the same ports and data folder. */
    public void start() throws Exception {
        DittoConfig base = EmbeddedDefault.config(dataDir);
        DittoConfig config = new DittoConfig(
                new ServerSettings(dataDir, "127.0.0.1", 5),
                base.metadataStores(),
                base.blockStores(),
                smbContinuousAvailability
                        ? base.shares().stream().map(ServerUnderTest::withCa).toList()
                        : base.shares(),
                new AdaptersConfig(
                        new AdapterConfig(true, nfsPort, portmapPort),
                        new AdapterConfig(true, smbPort, null),
                        new AdapterConfig(false, null, null)),
                List.of(new UserConfig(USER, 1000, 1000, List.of(), PASSWORD, null)),
                List.of());
        daemon = Daemon.start(config);
    }

    private static ShareConfig withCa(ShareConfig s) {
        return new ShareConfig(
                s.name(),
                s.metadataStore(),
                s.blockStore(),
                s.readOnly(),
                s.squash(),
                s.anonUid(),
                s.anonGid(),
                s.allowedNetworks(),
                s.secure(),
                s.guest(),
                s.protocols(),
                s.durability(),
                s.smbEncryption(),
                true);
    }

    public void stop() {
        daemon.close();
    }

    public Daemon daemon() {
        return daemon;
    }

    public int nfsPort() {
        return nfsPort;
    }

    public int smbPort() {
        return smbPort;
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
