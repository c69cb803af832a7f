package io.dittofs.it.bench;

import io.dittofs.it.ServerUnderTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * NFS-Ganesha and Samba smbd on 127.0.0.1, started and stopped by {@code
 * src/test/scripts/reference-servers.sh} with the configuration templates in {@code
 * src/test/resources/bench}: the reference servers of {@link KernelFioBench}. Ganesha exports
 * {@code /export} (NFSv3 and NFSv4.1, no root squash); smbd shares {@code export} to {@code
 * alice}/{@code secret}, like {@link ServerUnderTest}.
 */
final class ReferenceServers implements AutoCloseable {
    static final Path SCRIPT = Path.of("src", "test", "scripts", "reference-servers.sh");

    private final Path scratch;
    private final int nfsPort;
    private final int mountPort;
    private final int smbPort;

    private ReferenceServers(Path scratch, int nfsPort, int mountPort, int smbPort) {
        this.scratch = scratch;
        this.nfsPort = nfsPort;
        this.mountPort = mountPort;
        this.smbPort = smbPort;
    }

    /** Starts both servers with their files under {@code scratch}; fails with the script's output. */
    static ReferenceServers start(Path scratch) throws IOException, InterruptedException {
        ReferenceServers servers = new ReferenceServers(
                scratch.toAbsolutePath(),
                ServerUnderTest.freePort(),
                ServerUnderTest.freePort(),
                ServerUnderTest.freePort());
        try {
            servers.script(
                    "start",
                    servers.scratch.toString(),
                    Integer.toString(servers.nfsPort),
                    Integer.toString(servers.mountPort),
                    Integer.toString(servers.smbPort));
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    int nfsPort() {
        return nfsPort;
    }

    int mountPort() {
        return mountPort;
    }

    int smbPort() {
        return smbPort;
    }

    Path scratch() {
        return scratch;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop", scratch.toString());
    }

    private void script(String... args) throws IOException, InterruptedException {
        Path log = scratch.resolveSibling(scratch.getFileName() + "-" + args[0] + ".log");
        Files.createDirectories(scratch);
        Process p = new ProcessBuilder(
                        concat(List.of("bash", SCRIPT.toAbsolutePath().toString()), List.of(args)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("reference-servers.sh " + args[0] + " timed out");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(output);
        if (p.exitValue() != 0) {
            throw new IOException(
                    "reference-servers.sh " + args[0] + " failed (exit " + p.exitValue() + "):\n" + output);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
