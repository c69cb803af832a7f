package io.dittofs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.DittoConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
    @TempDir
    Path data;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private DittoConfig embedded(int api) throws IOException {
        return EmbeddedDefault.withOverrides(
                EmbeddedDefault.config(data), data, "127.0.0.1", freePort(), freePort(), api);
    }

    @Test
    void theEmbeddedDefaultServesShareExportAndReportsStatusOverHttp() throws Exception {
        int api = freePort();
        try (Daemon d = Daemon.start(embedded(api))) {
            assertThat(d.runtime().shares().byName("export")).isPresent();
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/status"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"shares\":[\"export\"]");
        }
    }

    @Test
    void anUnstableWriteSurvivesAStopInTheLocalLogAndReachesTheBlocksFolderWhenRolledUp() throws Exception {
        Daemon d = Daemon.start(embedded(0));
        FileSystem fs = d.runtime().shares().byName("export").orElseThrow().fileSystem();
        AuthContext root = AuthContext.internal(Principal.ROOT);
        NodeId f = fs.createFile(root, fs.root(), "f", SetAttributes.NONE, CreateMode.GUARDED)
                .created()
                .id();
        fs.write(root, f, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), Stability.UNSTABLE);
        d.close();
        assertThat(Files.list(
                        data.resolve("local").resolve("export").resolve("log").resolve("0")))
                .as("the write log is on the local tier")
                .isNotNull();
        try (Daemon again = Daemon.start(embedded(0))) {
            FileSystem fs2 =
                    again.runtime().shares().byName("export").orElseThrow().fileSystem();
            NodeId f2 = fs2.lookup(root, fs2.root(), "f").id();
            ByteBuffer back = fs2.read(root, f2, 0, 10).data();
            assertThat(back.remaining()).isEqualTo(3);
            assertThat(back.get(0)).isEqualTo((byte) 1);
            ((io.dittofs.runtime.fs.PosixFileSystem) ((io.dittofs.runtime.coherence.CoherentFileSystem) fs2).inner())
                    .content()
                    .drain();
        }
        try (var files = Files.walk(data.resolve("blocks"))) {
            assertThat(files.filter(Files::isRegularFile)
                            .filter(p -> !p.toString().contains("#")))
                    .as("the rolled-up chunk")
                    .hasSize(1);
        }
    }

    @Test
    void aPortInUseFailsBeforeAnythingListens() throws Exception {
        int api = freePort();
        try (ServerSocket busy = new ServerSocket(0)) {
            DittoConfig c = EmbeddedDefault.withOverrides(
                    EmbeddedDefault.config(data), data, "127.0.0.1", freePort(), busy.getLocalPort(), api);
            assertThatThrownBy(() -> Daemon.start(c))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("adapters.smb.port: cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
        try (ServerSocket s = new ServerSocket(api)) {
            assertThat(s.getLocalPort()).as("the status port was never bound").isEqualTo(api);
        }
    }

    @Test
    void theServerIdentityPersistsAcrossStarts() throws Exception {
        String first;
        try (Daemon d = Daemon.start(embedded(0))) {
            first = d.runtime().identities().domainSid().toString();
        }
        try (Daemon d = Daemon.start(embedded(0))) {
            assertThat(d.runtime().identities().domainSid()).hasToString(first);
        }
        assertThat(first).startsWith("S-1-5-21-");
    }

    @Test
    void theEmbeddedDefaultKeepsItsFilesAcrossRestarts() throws Exception {
        AuthContext root = AuthContext.internal(Principal.ROOT);
        try (Daemon d = Daemon.start(embedded(0))) {
            FileSystem fs = d.runtime().shares().byName("export").orElseThrow().fileSystem();
            NodeId dir = fs.createDirectory(root, fs.root(), "docs", SetAttributes.NONE)
                    .created()
                    .id();
            NodeId f = fs.createFile(root, dir, "a.txt", SetAttributes.NONE, CreateMode.GUARDED)
                    .created()
                    .id();
            fs.write(
                    root,
                    f,
                    0,
                    ByteBuffer.wrap("kept".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Stability.FILE_SYNC);
        }
        try (Daemon d = Daemon.start(embedded(0))) {
            FileSystem fs = d.runtime().shares().byName("export").orElseThrow().fileSystem();
            NodeId dir = fs.lookup(root, fs.root(), "docs").id();
            NodeId f = fs.lookup(root, dir, "a.txt").id();
            ByteBuffer data = fs.read(root, f, 0, 100).data();
            assertThat(java.nio.charset.StandardCharsets.UTF_8.decode(data).toString())
                    .isEqualTo("kept");
        }
    }
}
