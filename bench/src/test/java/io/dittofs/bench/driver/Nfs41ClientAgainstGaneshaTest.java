package io.dittofs.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.bench.ReferenceServers;
import io.dittofs.bench.workload.Progress;
import io.dittofs.bench.workload.Result;
import io.dittofs.bench.workload.Runner;
import io.dittofs.bench.workload.Settings;
import io.dittofs.bench.workload.Workloads;
import io.dittofs.nfs.client.v41.Nfs41;
import io.dittofs.nfs.client.v41.Nfs41Attributes;
import io.dittofs.nfs.client.v41.Nfs41Client;
import io.dittofs.nfs.client.v41.Nfs41Exception;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The NFSv4.1 client against NFS-Ganesha serving 4.1 (an independent server), checked against
 * the files Ganesha wrote to its export folder. Needs root and the Debian packages, so it runs
 * only in the {@code bench} profile ({@code -Ddittofs.ganesha=true}).
 */
@EnabledIfSystemProperty(named = "dittofs.ganesha", matches = "true")
class Nfs41ClientAgainstGaneshaTest {
    static ReferenceServers servers;

    @BeforeAll
    static void start() throws Exception {
        // Not JUnit's @TempDir (0700): Samba's user must reach its export below it.
        Path scratch = Files.createTempDirectory(
                "dfsbench-ref", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        servers = new ReferenceServers(scratch);
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private static Nfs41Client connect() throws Exception {
        return Nfs41Client.connect(
                new InetSocketAddress("127.0.0.1", servers.nfsPort),
                new AuthSysParms(0, "test", 0, 0, new int[] {0}).toCredential(),
                Duration.ofSeconds(30));
    }

    @Test
    void sessionsFilesAndDirectoriesAsGaneshaStoresThem() throws Exception {
        try (Nfs41Client nfs = connect()) {
            assertThat(nfs.slots()).as("several calls in flight per session").isGreaterThan(1);
            byte[] export = nfs.lookup(nfs.rootFh(), "export");
            byte[] dir = nfs.mkdir(export, "v41");
            assertThatThrownBy(() -> nfs.mkdir(export, "v41"))
                    .isInstanceOfSatisfying(
                            Nfs41Exception.class, e -> assertThat(e.status()).isEqualTo(Nfs41.NFS4ERR_EXIST));

            byte[] content = new byte[2 * 1024 * 1024 + 12_345];
            new Random(1).nextBytes(content);
            Nfs41Client.OpenFile f = nfs.open(dir, "f", true);
            for (int off = 0; off < content.length; off += 1024 * 1024) {
                int n = Math.min(1024 * 1024, content.length - off);
                var w = nfs.write(f, off, Unpooled.wrappedBuffer(content, off, n), Nfs41.UNSTABLE4);
                assertThat(w.count()).isEqualTo(n);
            }
            nfs.commit(f.fh());
            nfs.close(f);
            assertThat(Files.readAllBytes(servers.ganeshaExport().resolve("v41/f")))
                    .isEqualTo(content);

            Nfs41Attributes attrs = nfs.getattr(dir, "f");
            assertThat(attrs.type()).isEqualTo(Nfs41.NF4REG);
            assertThat(attrs.size()).isEqualTo(content.length);
            assertThat(attrs.mode() & 0777).isEqualTo(0644);

            Nfs41Client.OpenFile r = nfs.open(dir, "f", false);
            byte[] back = new byte[content.length];
            int got = 0;
            boolean eof = false;
            while (!eof) {
                Nfs41Client.ReadResult rr = nfs.read(r, got, 1024 * 1024);
                System.arraycopy(rr.data(), 0, back, got, rr.data().length);
                got += rr.data().length;
                eof = rr.eof() || rr.data().length == 0;
            }
            nfs.close(r);
            assertThat(got).isEqualTo(content.length);
            assertThat(back).isEqualTo(content);

            // Re-creating truncates (UNCHECKED4 with size 0).
            nfs.close(nfs.open(dir, "f", true));
            assertThat(Files.size(servers.ganeshaExport().resolve("v41/f"))).isZero();

            // Many calls at once on one session: slots are handed out and given back.
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<Nfs41Attributes>> fs = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    fs.add(pool.submit(() -> nfs.getattr(dir, "f")));
                }
                for (Future<Nfs41Attributes> a : fs) {
                    assertThat(a.get().type()).isEqualTo(Nfs41.NF4REG);
                }
            }

            for (int i = 0; i < 300; i++) {
                nfs.close(nfs.open(dir, "e" + i, true));
            }
            List<Nfs41Client.DirEntry> entries = nfs.readdir(dir);
            assertThat(entries).hasSize(301);
            assertThat(entries)
                    .allSatisfy(e -> assertThat(e.attributes().fileId()).isPositive());
            String[] onDisk = servers.ganeshaExport().resolve("v41").toFile().list();
            assertThat(entries.stream().map(Nfs41Client.DirEntry::name)).containsExactlyInAnyOrder(onDisk);

            nfs.rename(dir, "f", export, "g");
            assertThat(servers.ganeshaExport().resolve("g")).exists();
            assertThat(servers.ganeshaExport().resolve("v41/f")).doesNotExist();
            nfs.remove(export, "g");
            assertThat(servers.ganeshaExport().resolve("g")).doesNotExist();
            assertThatThrownBy(() -> nfs.lookup(export, "g"))
                    .isInstanceOfSatisfying(
                            Nfs41Exception.class, e -> assertThat(e.status()).isEqualTo(Nfs41.NFS4ERR_NOENT));
        }
    }

    @Test
    void everyWorkloadRunsOverNfs41() throws Exception {
        Target t = Target.parse("nfs41://127.0.0.1:" + servers.nfsPort + "/export#ganesha-v41");
        Settings s = new Settings(
                2L << 20, 1L << 20, 100, 12, 40, 2, 2, 7, Duration.ZERO, Duration.ofMillis(200), 1, "wl41");
        List<Result> results;
        try (Progress p = new Progress(new PrintStream(OutputStream.nullOutputStream()), false);
                Runner runner = new Runner(List.of(t), s, p)) {
            results = runner.run(Workloads.ALL, List.of(1, 3));
        }
        assertThat(results).hasSize(Workloads.ALL.size() * 2);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.allOps()).as(r.toString()).isPositive());
        Path created = servers.ganeshaExport().resolve("wl41/create-c3-r0-t0");
        long files = 0;
        for (int k = 0; k < 3; k++) {
            files += Arrays.stream(created.resolve("c" + k).toFile().list()).count();
        }
        long reported = results.stream()
                .filter(r -> r.workload().equals("create") && r.clients() == 3)
                .findFirst()
                .orElseThrow()
                .allOps();
        assertThat(files).isEqualTo(reported);
    }
}
