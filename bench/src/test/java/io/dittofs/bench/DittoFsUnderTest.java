package io.dittofs.bench;

import io.dittofs.server.Daemon;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.ServerSettings;
import io.dittofs.server.config.UserConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * The real daemon in this JVM on loopback, free ports: the embedded default (share {@code export}
 * on RocksDB metadata and filesystem blocks) over NFS and SMB, user {@code alice}/{@code secret}.
 * dfsbench reaches it only over the wire, as it would any server.
 */
public final class DittoFsUnderTest implements AutoCloseable {
    private final Daemon daemon;
    private final int nfsPort;
    private final int smbPort;

    public DittoFsUnderTest(Path dataDir) throws Exception {
        nfsPort = freePort();
        smbPort = freePort();
        DittoConfig base = EmbeddedDefault.config(dataDir);
        daemon = Daemon.start(new DittoConfig(
                new ServerSettings(dataDir, "127.0.0.1", 5),
                base.metadataStores(),
                base.blockStores(),
                base.shares(),
                new AdaptersConfig(
                        new AdapterConfig(true, nfsPort, 0),
                        new AdapterConfig(true, smbPort, null),
                        new AdapterConfig(false, null, null)),
                List.of(new UserConfig("alice", 1000, 1000, List.of(), "secret", null)),
                List.of()));
    }

    public String nfs3Url() {
        return "nfs3://127.0.0.1:" + nfsPort + "/export?uid=1000&gid=1000#dittofs-nfs3";
    }

    public String smb3Url() {
        return "smb3://alice:secret@127.0.0.1:" + smbPort + "/export#dittofs-smb3";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
