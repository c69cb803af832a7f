package io.dittofs.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * NFS-Ganesha (NFSv3 + NFSv4.1) and Samba on loopback, started with the checked-in
 * {@code integration-tests/src/test/scripts/reference-servers.sh} (as root, Debian packages
 * nfs-ganesha nfs-ganesha-vfs rpcbind samba libnss-wrapper). Exported folders:
 * {@code SCRATCH/ganesha-export} as {@code /export}, {@code SCRATCH/samba-export} as share
 * {@code export} (alice/secret).
 */
public final class ReferenceServers implements AutoCloseable {
    private static final Path SCRIPT = Path.of("../integration-tests/src/test/scripts/reference-servers.sh");

    private final Path scratch;
    public final int nfsPort;
    public final int mountPort;
    public final int smbPort;

    public ReferenceServers(Path scratch) throws IOException, InterruptedException {
        this.scratch = scratch;
        this.nfsPort = freePort();
        this.mountPort = freePort();
        this.smbPort = freePort();
        run(
                "start",
                scratch.toString(),
                Integer.toString(nfsPort),
                Integer.toString(mountPort),
                Integer.toString(smbPort));
    }

    public Path ganeshaExport() {
        return scratch.resolve("ganesha-export");
    }

    private static void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("reference-servers", ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(
                    "reference-servers.sh " + String.join(" ", args) + " failed:\n" + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop", scratch.toString());
    }
}
