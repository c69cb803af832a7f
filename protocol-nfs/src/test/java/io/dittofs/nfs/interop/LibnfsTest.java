package io.dittofs.nfs.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.nfs.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second, independent client: libnfs's command-line tools (Debian libnfs-utils) against the real
 * adapter, without the portmapper (nfsport and mountport in the URL).
 */
class LibnfsTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/nfs-ls")),
                "libnfs-utils is not installed (apt-get install libnfs-utils)");
        io.dittofs.nfs.Leaks.install();
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            io.dittofs.nfs.Leaks.assertNone();
        }
    }

    private static String url(String path) {
        int port = server.nfsPort();
        return "nfs://127.0.0.1/export" + path + "?nfsport=" + port + "&mountport=" + port
                + "&version=3&uid=1000&gid=1000";
    }

    private record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[][] stdout = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                stdout[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                stdout[0] = new byte[0];
            }
        });
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        reader.join();
        return new Result(p.exitValue(), stdout[0], err);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void copiesFilesInListsThemAndCatsThemBackWithTheSameChecksums(@TempDir Path tmp) throws Exception {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        int[] sizes = {0, 1, 4095, 4096, 1024 * 1024 + 1, 3 * 1024 * 1024};
        Random random = new Random(9);
        for (int size : sizes) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            String name = "file-" + size + ".bin";
            Path local = tmp.resolve(name);
            Files.write(local, data);
            Result cp = run("nfs-cp", local.toString(), url("/" + name));
            assertThat(cp.exit()).as("nfs-cp %s: %s", name, cp.stderr()).isZero();
            names.add(name);
            contents.add(data);
        }
        Result ls = run("nfs-ls", url("/"));
        assertThat(ls.exit()).as("nfs-ls: %s", ls.stderr()).isZero();
        for (String name : names) {
            assertThat(ls.out()).contains(name);
        }
        for (int i = 0; i < names.size(); i++) {
            Result cat = run("nfs-cat", url("/" + names.get(i)));
            assertThat(cat.exit())
                    .as("nfs-cat %s: %s", names.get(i), cat.stderr())
                    .isZero();
            assertThat(sha256(cat.stdout())).as(names.get(i)).isEqualTo(sha256(contents.get(i)));
        }
        Path back = tmp.resolve("back.bin");
        Result cpBack = run("nfs-cp", url("/" + names.getLast()), back.toString());
        assertThat(cpBack.exit()).as("nfs-cp back: %s", cpBack.stderr()).isZero();
        assertThat(sha256(Files.readAllBytes(back))).isEqualTo(sha256(contents.getLast()));
    }
}
