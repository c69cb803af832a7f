package io.dittofs.it.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.it.ServerUnderTest;
import io.dittofs.it.kernel.GuestRun;
import io.dittofs.it.kernel.GuestScript;
import io.dittofs.it.kernel.KernelGuest;
import io.dittofs.it.kernel.KernelGuests;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A share in five commands" from the README, run as written: the block between the
 * {@code quickstart} markers is read from README.md, so the README cannot drift from what works.
 *
 * <p>The server and dfsctl commands run on this host; the mount and the write run in the
 * kernel-client guest (QEMU), as root. The only changes to the lines are what a test must
 * change: {@code ./dittofs} and {@code ./dfsctl} are the repository's scripts; {@code ./dittofs
 * start} also gets a temporary data folder, loopback and free ports (port 12049 in the README
 * becomes a free port, everywhere); the mount names the host as the guest sees it and loses
 * {@code sudo}. dfsctl finds the API through {@code DFSCTL_SERVER}.
 */
class QuickstartIT {
    @TempDir
    Path work;

    @Test
    void theReadmeQuickstartServesAFileToTheKernelClient() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        List<String> lines = quickstart(repo.resolve("README.md"));
        assertThat(lines).as("an export line, then five commands").hasSize(6);
        assertThat(lines.get(0)).startsWith("export ");
        List<String> commands = lines.subList(1, 6);

        KernelGuest guest = KernelGuests.prepareOrSkip();
        int nfs = ServerUnderTest.freePort();
        int smb = ServerUnderTest.freePort();
        int api = ServerUnderTest.freePort();
        int movedTo = ServerUnderTest.freePort();
        Map<String, String> env = new HashMap<>();
        for (String kv : lines.get(0).substring("export ".length()).trim().split("\\s+")) {
            String[] p = kv.split("=", 2);
            env.put(p[0], p[1]);
        }
        env.put("DFSCTL_SERVER", "http://127.0.0.1:" + api);
        env.put("DFSCTL_CONFIG_DIR", work.resolve("dfsctl").toString());
        java.util.function.UnaryOperator<String> local = c -> c.replace("12049", Integer.toString(movedTo))
                .replace("./dittofs", repo.resolve("dittofs").toString())
                .replace("./dfsctl", repo.resolve("dfsctl").toString());

        // 1. start the server (in the background, as '&' says)
        String start = commands.get(0);
        assertThat(start).isEqualTo("./dittofs start &");
        ProcessBuilder pb = new ProcessBuilder(
                        repo.resolve("dittofs").toString(),
                        "start",
                        "--data-dir",
                        work.resolve("data").toString(),
                        "--bind",
                        "127.0.0.1",
                        "--nfs-port",
                        Integer.toString(nfs),
                        "--smb-port",
                        Integer.toString(smb),
                        "--api-port",
                        Integer.toString(api))
                .directory(work.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process server = pb.start();
        List<String> log = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null && !line.contains("dittofs is running")) {
                log.add(line);
            }
            assertThat(line).as("startup log: " + String.join("\n", log)).isNotNull();
            Thread drain = Thread.ofVirtual().start(() -> out.lines().forEach(l -> {
                synchronized (log) {
                    log.add(l);
                }
            }));

            // 2. and 3.: dfsctl, as a person runs it
            for (String c : commands.subList(1, 3)) {
                ProcessBuilder b = new ProcessBuilder("bash", "-c", local.apply(c))
                        .directory(work.toFile())
                        .redirectErrorStream(true);
                b.environment().putAll(env);
                Process p = b.start();
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(c + ": " + said).isZero();
            }

            // 4. and 5.: in the guest, as root
            String mount = local.apply(commands.get(3)).replace("sudo ", "").replace("127.0.0.1:/", "$HOST_IP:/");
            GuestScript script = GuestScript.builder()
                    .loadClientModules("modules")
                    .step("mount", "mkdir -p /mnt && " + mount)
                    .step("write", commands.get(4))
                    .step("read-back", """
                            sync; umount /mnt && %s && echo 3 > /proc/sys/vm/drop_caches && cat /mnt/hello.txt \
                                && umount /mnt""".formatted(mount))
                    .line("exit 0")
                    .build();
            GuestRun run = guest.run("quickstart", script, Duration.ofMinutes(5));
            System.out.println(run.summary());
            assertThat(run.step("mount").ok()).as(run.summary()).isTrue();
            assertThat(run.step("write").ok()).as(run.summary()).isTrue();
            assertThat(run.step("read-back").ok()).as(run.summary()).isTrue();
            assertThat(run.step("read-back").detail()).contains("hello");
            drain.interrupt();
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(server.pid()))
                    .start()
                    .waitFor();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        synchronized (log) {
            assertThat(log).anyMatch(l -> l.contains("share 'photos'"));
        }
    }

    /** The command lines between the quickstart markers, comments and blank lines dropped. */
    static List<String> quickstart(Path readme) throws Exception {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : Files.readAllLines(readme)) {
            if (l.startsWith("<!-- quickstart")) {
                in = true;
            } else if (l.startsWith("<!-- /quickstart")) {
                break;
            } else if (in && !l.startsWith("```")) {
                String cmd = l.replaceFirst("\\s+#.*$", "").trim();
                if (!cmd.isEmpty()) {
                    out.add(cmd);
                }
            }
        }
        return out;
    }
}
