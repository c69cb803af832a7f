package io.dittofs.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.it.ServerUnderTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a user runs it: {@code ./dittofs start} as a child process,
 * which logs where it serves, answers on its status port, and stops cleanly on SIGTERM.
 */
class DittofsScriptIT {
    @TempDir
    Path data;

    @Test
    void dittofsStartServesTheEmbeddedDefaultAndStopsCleanlyOnSigterm() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        int nfs = ServerUnderTest.freePort();
        int smb = ServerUnderTest.freePort();
        int api = ServerUnderTest.freePort();
        Process p = new ProcessBuilder(
                        repo.resolve("dittofs").toString(),
                        "start",
                        "--data-dir",
                        data.toString(),
                        "--bind",
                        "127.0.0.1",
                        "--nfs-port",
                        Integer.toString(nfs),
                        "--smb-port",
                        Integer.toString(smb),
                        "--api-port",
                        Integer.toString(api))
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> log = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                log.add(line);
                if (line.contains("dittofs is running")) {
                    break;
                }
            }
            assertThat(log).as("startup log").anyMatch(l -> l.contains("dittofs is running"));
            assertThat(log).anyMatch(l -> l.contains("share 'export'"));
            HttpResponse<String> status = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/status"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(status.body()).contains("export");

            // SIGTERM, as systemd and Ctrl-C's cousin send it (Process.destroy would also close our pipe).
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within the grace period")
                    .isTrue();
            while ((line = out.readLine()) != null) {
                log.add(line);
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(log).as(String.join("\n", log)).anyMatch(l -> l.matches(".*Daemon \\[.*\\] stopped\\s*"));
        assertThat(p.exitValue())
                .as("128 + SIGTERM, after the shutdown hook ran")
                .isEqualTo(143);
        assertThat(Files.exists(data.resolve("server-id"))).isTrue();
    }
}
