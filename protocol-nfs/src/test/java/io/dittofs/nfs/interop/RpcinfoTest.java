package io.dittofs.nfs.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.nfs.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Another independent RPC implementation against ours: libtirpc's {@code rpcinfo} (Debian
 * rpcbind) pings each program's NULL procedure at its universal address, over TCP and, for the
 * portmapper, UDP. (Without port 111, {@code rpcinfo -p} and {@code showmount} cannot be used.)
 */
class RpcinfoTest {
    private static final Path RPCINFO = Path.of("/usr/sbin/rpcinfo");

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private static String uaddr(int port) {
        return "127.0.0.1." + (port >> 8) + "." + (port & 0xFF);
    }

    @Test
    void rpcinfoFindsEveryProgramReadyAndWaiting() throws Exception {
        assumeTrue(Files.isExecutable(RPCINFO), "rpcinfo is not installed (apt-get install rpcbind)");
        try (TestServer server = TestServer.start()) {
            String nfs = uaddr(server.nfsPort());
            String pmap = uaddr(server.endpoint("portmap").getPort());
            assertThat(run(RPCINFO.toString(), "-a", nfs, "-T", "tcp", "100003", "3"))
                    .contains("program 100003 version 3 ready and waiting");
            assertThat(run(RPCINFO.toString(), "-a", nfs, "-T", "tcp", "100005"))
                    .contains("program 100005 version 3 ready and waiting");
            assertThat(run(RPCINFO.toString(), "-a", nfs, "-T", "tcp", "100021", "4"))
                    .contains("program 100021 version 4 ready and waiting");
            assertThat(run(RPCINFO.toString(), "-a", nfs, "-T", "tcp", "100024", "1"))
                    .contains("program 100024 version 1 ready and waiting");
            String versions = run(RPCINFO.toString(), "-a", pmap, "-T", "tcp", "100000");
            assertThat(versions)
                    .contains("program 100000 version 2 ready and waiting")
                    .contains("program 100000 version 3 ready and waiting")
                    .contains("program 100000 version 4 ready and waiting");
            assertThat(run(RPCINFO.toString(), "-a", pmap, "-T", "udp", "100000", "2"))
                    .contains("program 100000 version 2 ready and waiting");
        }
    }
}
