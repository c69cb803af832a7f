package io.dittofs.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dittofs.bench.DfsBench;
import io.dittofs.bench.DittoFsUnderTest;
import io.dittofs.bench.driver.FsConnection;
import io.dittofs.bench.driver.FsConnection.OpenFile;
import io.dittofs.bench.driver.Target;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every workload through both drivers (NFSv3, SMB3) against a real DittoFS, at a tiny size, then
 * a check through the other protocol that the operations really happened: the files are there
 * with the bytes written, the counts match the operations reported. Not timing.
 */
class WorkloadsAgainstDittoFsTest {
    @TempDir
    static Path data;

    static DittoFsUnderTest server;

    @BeforeAll
    static void start() throws Exception {
        server = new DittoFsUnderTest(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Settings tiny(String root) {
        return new Settings(
                2 * Data.MIB, Data.MIB, 100, 12, 40, 3, 2, 7, Duration.ZERO, Duration.ofMillis(250), 1, root);
    }

    private static Result result(List<Result> rs, String workload, int clients, String target) {
        return rs.stream()
                .filter(r -> r.workload().equals(workload)
                        && r.clients() == clients
                        && r.target().equals(target))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyWorkloadDoesWhatItReportsOverNfs3AndSmb3() throws Exception {
        Target nfs = Target.parse(server.nfs3Url());
        Target smb = Target.parse(server.smb3Url());
        List<Target> targets = List.of(nfs, smb);
        Settings s = tiny("wl");
        List<Integer> clientCounts = List.of(1, 3);
        List<Result> results;
        try (Progress p = new Progress(new PrintStream(OutputStream.nullOutputStream()), false);
                Runner runner = new Runner(targets, s, p)) {
            results = runner.run(Workloads.ALL, clientCounts);
        }
        assertThat(results).hasSize(Workloads.ALL.size() * clientCounts.size() * targets.size());
        assertThat(results)
                .allSatisfy(r -> assertThat(r.allOps()).as(r.toString()).isPositive());
        assertThat(results)
                .allSatisfy(r -> assertThat(r.seconds()).as(r.toString()).isPositive());

        Data data = new Data(s.seed());
        // Check each target's work through the other protocol.
        try (FsConnection viaSmb = FsConnection.open(smb);
                FsConnection viaNfs = FsConnection.open(nfs)) {
            for (int t = 0; t < targets.size(); t++) {
                FsConnection check = t == 0 ? viaSmb : viaNfs;
                String label = targets.get(t).label();
                for (int clients : clientCounts) {
                    verifyCreate(check, s, data, clients, t, result(results, "create", clients, label));
                    verifyRemove(check, s, clients, t, result(results, "remove", clients, label));
                    verifyRename(check, s, clients, t);
                    verifySeqWrite(check, s, data, clients, t);
                    verifySeqReadFixture(check, s, data, clients);
                }
            }
            String shared = Runner.sharedDir(s);
            assertThat(viaSmb.list(shared + "/dir-40")).hasSize(40);
            assertThat(viaNfs.list(shared + "/stat-12")).hasSize(12);
            assertThat(viaSmb.size(shared + "/random-" + Data.MIB))
                    .as("random writes stay inside the file")
                    .isEqualTo(Data.MIB);
        }
    }

    private static void verifyCreate(FsConnection c, Settings s, Data data, int clients, int t, Result r)
            throws Exception {
        long files = 0;
        for (int round = 0; round < s.rounds(); round++) {
            String dir = Runner.runDir(s, Workloads.named("create"), clients, round, t);
            for (int k = 0; k < clients; k++) {
                List<String> names = c.list(dir + "/c" + k);
                files += names.size();
                try (OpenFile f = c.open(dir + "/c" + k + "/" + names.getFirst())) {
                    byte[] got = new byte[4096];
                    int n = f.read(0, got);
                    assertThat(Arrays.copyOf(got, n)).isEqualTo(data.smallFile(k, s.smallFileBytes()));
                }
            }
        }
        assertThat(files).as("one file per create operation").isEqualTo(r.allOps());
    }

    private static void verifyRemove(FsConnection c, Settings s, int clients, int t, Result r) throws Exception {
        long left = 0;
        long made = 0;
        for (int round = 0; round < s.rounds(); round++) {
            String dir = Runner.runDir(s, Workloads.named("remove"), clients, round, t);
            for (int k = 0; k < clients; k++) {
                left += c.list(dir + "/c" + k).size();
                made += Math.max(1, s.files() / clients);
            }
        }
        assertThat(made - left).as("one file gone per remove operation").isEqualTo(r.allOps());
    }

    private static void verifyRename(FsConnection c, Settings s, int clients, int t) throws Exception {
        String dir = Runner.runDir(s, Workloads.named("rename"), clients, 0, t);
        for (int k = 0; k < clients; k++) {
            List<String> names = c.list(dir + "/c" + k);
            assertThat(names).as("renames keep the file count").hasSize(Workloads.Rename.FILES);
            // After n renames, files 0..(n mod 16)-1 have moved once more than the rest: the
            // a/b states, in file order, form at most two runs.
            StringBuilder states = new StringBuilder();
            for (int j = 0; j < Workloads.Rename.FILES; j++) {
                boolean a = names.contains("a" + j);
                assertThat(a ^ names.contains("b" + j))
                        .as("file %d is a or b, once", j)
                        .isTrue();
                states.append(a ? 'a' : 'b');
            }
            assertThat(states.toString()).matches("a*b*|b*a*");
        }
    }

    private static void verifySeqWrite(FsConnection c, Settings s, Data data, int clients, int t) throws Exception {
        String dir = Runner.runDir(s, Workloads.named("seq-write"), clients, 0, t);
        for (int k = 0; k < clients; k++) {
            long size = c.size(dir + "/c" + k);
            assertThat(size).isBetween((long) Data.MIB, s.seqFileBytes(clients));
            try (OpenFile f = c.open(dir + "/c" + k)) {
                byte[] got = new byte[Data.MIB];
                assertThat(f.read(0, got)).isEqualTo(Data.MIB);
                assertThat(got).isEqualTo(data.mib(k, 0));
            }
        }
    }

    private static void verifySeqReadFixture(FsConnection c, Settings s, Data data, int clients) throws Exception {
        for (int k = 0; k < clients; k++) {
            String p = Runner.sharedDir(s) + "/seq-" + clients + "-" + k;
            long size = c.size(p);
            assertThat(size).isEqualTo(s.seqFileBytes(clients));
            try (OpenFile f = c.open(p)) {
                byte[] got = new byte[Data.MIB];
                long last = size / Data.MIB - 1;
                assertThat(f.read(last * Data.MIB, got)).isEqualTo(Data.MIB);
                assertThat(got).isEqualTo(data.mib(k, last));
            }
        }
    }

    @Test
    void theCommandPrintsJsonWithRatiosAgainstTheFirstTarget(@TempDir Path out) throws Exception {
        Path json = out.resolve("r.json");
        int exit = new CommandLine(new DfsBench())
                .execute(
                        "-w",
                        "stat,readdir",
                        "-c",
                        "2",
                        "--warmup",
                        "0",
                        "--duration",
                        "0.2",
                        "--rounds",
                        "2",
                        "--files",
                        "5",
                        "--dir-entries",
                        "7",
                        "--dir",
                        "cmd",
                        "--no-progress",
                        "-o",
                        "json",
                        "--out-file",
                        json.toString(),
                        server.nfs3Url(),
                        server.smb3Url());
        assertThat(exit).isZero();
        JsonNode doc = new ObjectMapper().readTree(Files.readString(json));
        assertThat(doc.get("targets")).hasSize(2);
        JsonNode rs = doc.get("results");
        assertThat(rs).hasSize(4);
        assertThat(rs.get(0).get("target").asText()).isEqualTo("dittofs-nfs3");
        assertThat(rs.get(0).get("ratioToFirst").asDouble()).isEqualTo(1.0);
        assertThat(rs.get(1).get("target").asText()).isEqualTo("dittofs-smb3");
        assertThat(rs.get(1).get("ratioToFirst").asDouble())
                .isCloseTo(
                        rs.get(1).get("opsPerSecond").asDouble()
                                / rs.get(0).get("opsPerSecond").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-9));
        for (JsonNode r : rs) {
            assertThat(r.get("ops").asLong()).isPositive();
            assertThat(r.get("p99Millis").asDouble())
                    .isGreaterThanOrEqualTo(r.get("p50Millis").asDouble());
        }
    }
}
