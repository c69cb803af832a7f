package io.dittofs.server.api;

import io.dittofs.server.Daemon;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.DittoConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The real daemon on loopback with free ports and its API on, the first admin's password given. */
final class ApiFixture {
    static final String ADMIN_PASSWORD = "admin-secret-1";

    private ApiFixture() {}

    /** No portmapper: port 111 belongs to the kernel-client tests (run under a lock). */
    static DittoConfig config(Path data) throws IOException {
        DittoConfig c = EmbeddedDefault.withOverrides(
                EmbeddedDefault.config(data), data, "127.0.0.1", freePort(), freePort(), freePort());
        AdaptersConfig a = c.adapters();
        return new DittoConfig(
                c.server(),
                c.metadataStores(),
                c.blockStores(),
                c.shares(),
                new AdaptersConfig(new AdapterConfig(true, a.nfs().port(), 0), a.smb(), a.api()),
                c.users(),
                c.groups());
    }

    static Daemon start(Path data) throws Exception {
        return Daemon.start(config(data), ADMIN_PASSWORD);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
