package io.dittofs.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.OfflineShare;
import io.dittofs.store.metadata.Durability;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dittofs fsck} over the embedded default's RocksDB and filesystem stores. */
class FsckCommandTest {
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private long dirId;

    @BeforeEach
    void createAShareOnDisk() throws Exception {
        try (OfflineShare s = open()) {
            FileSystem fs = serve(s);
            NodeId dir = fs.createDirectory(ROOT, fs.root(), "docs", SetAttributes.mode(0755))
                    .created()
                    .id();
            dirId = dir.fileId();
            NodeId file = fs.createFile(ROOT, dir, "readme", SetAttributes.mode(0644), CreateMode.GUARDED)
                    .created()
                    .id();
            fs.write(ROOT, file, 0, ByteBuffer.wrap("hello".getBytes()), Stability.FILE_SYNC);
            ((PosixFileSystem) fs).content().drain();
            fs.close();
        }
    }

    private OfflineShare open() throws Exception {
        return OfflineShare.open(EmbeddedDefault.config(data), EmbeddedDefault.SHARE);
    }

    private int fsck(String... args) {
        CommandLine cmd = new CommandLine(new DittoFsCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "fsck";
        all[1] = "--data-dir";
        all[2] = data.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cmd.execute(all);
    }

    @Test
    void aConsistentShareExitsZero() {
        assertThat(fsck(EmbeddedDefault.SHARE)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("share 'export': 2 directories, 2 entries, 3 inodes, 1 blocks: 0 problems");
    }

    @Test
    void problemsAreListedAndExitOneThenRepairFixesThem() throws Exception {
        try (OfflineShare s = open()) {
            s.metadata().write(Durability.SYNC, w -> w.removeEntry(dirId, "readme"));
        }
        assertThat(fsck(EmbeddedDefault.SHARE)).isEqualTo(ExitCodes.FAILURE);
        assertThat(out.toString()).contains("ORPHAN REGULAR").contains("1 problems found, 0 repaired, 1 remaining");

        out.getBuffer().setLength(0);
        assertThat(fsck(EmbeddedDefault.SHARE, "--repair")).isEqualTo(ExitCodes.FAILURE);
        assertThat(out.toString())
                .contains("moved to /lost+found/#")
                .contains("[repaired]")
                .contains("0 remaining");

        out.getBuffer().setLength(0);
        assertThat(fsck(EmbeddedDefault.SHARE)).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aShareInUseIsRefused() throws Exception {
        try (OfflineShare running = open()) {
            assertThat(fsck(EmbeddedDefault.SHARE)).isEqualTo(ExitCodes.IN_USE);
            assertThat(err.toString()).contains("locked by another process", "stop the dittofs daemon");
        }
    }

    private static FileSystem serve(OfflineShare s) {
        return Shares.open(
                        EmbeddedDefault.SHARE,
                        ShareOptions.DEFAULTS,
                        s.metadata(),
                        s.blocks(),
                        s.content(),
                        Clock.systemUTC())
                .fileSystem();
    }

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                try {
                    all.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // Deleted by the store's own background work between the listing and the stat.
                }
            }
        }
        return all;
    }

    /**
     * The data folder once the served share's own background work (rollups, RocksDB flushes and
     * compactions) has settled: the same listing twice, 300 ms apart.
     */
    private static Map<String, String> settledFiles(Path dir) throws Exception {
        Map<String, String> last = files(dir);
        for (int i = 0; i < 50; i++) {
            Thread.sleep(300);
            Map<String, String> now = files(dir);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the data folder never settled");
    }

    @Test
    void onlineChecksAShareADaemonServesAndWritesNothing() throws Exception {
        try (OfflineShare running = open()) {
            FileSystem fs = serve(running);
            ((PosixFileSystem) fs).content().drain();
            Map<String, String> before = settledFiles(data);
            assertThat(fsck(EmbeddedDefault.SHARE, "--online")).isEqualTo(ExitCodes.OK);
            assertThat(out.toString())
                    .contains("share 'export' (online, namespace only): 2 directories, 2 entries, 3 inodes, 0 blocks:"
                            + " 0 problems");
            assertThat(files(data)).as("nothing in the data folder changed").isEqualTo(before);

            // The daemon keeps changing the tree while fsck reads one moment of it.
            AtomicBoolean stop = new AtomicBoolean();
            Thread busy = Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    fs.createFile(ROOT, fs.root(), "f" + i, SetAttributes.mode(0644), CreateMode.GUARDED);
                    if (i % 2 == 1) {
                        fs.rename(
                                ROOT,
                                fs.root(),
                                "f" + i,
                                fs.lookup(ROOT, fs.root(), "docs").id(),
                                "g" + i);
                    }
                }
            });
            try {
                for (int run = 0; run < 3; run++) {
                    out.getBuffer().setLength(0);
                    assertThat(fsck(EmbeddedDefault.SHARE, "--online"))
                            .as("run %d: %s%s", run, out, err)
                            .isEqualTo(ExitCodes.OK);
                }
            } finally {
                stop.set(true);
                busy.join();
            }
            fs.close();
        }
    }

    @Test
    void onlineReportsDamageAndRefusesToRepair() throws Exception {
        try (OfflineShare running = open()) {
            running.metadata().write(Durability.SYNC, w -> w.removeEntry(dirId, "readme"));
            assertThat(fsck(EmbeddedDefault.SHARE, "--online")).isEqualTo(ExitCodes.FAILURE);
            assertThat(out.toString()).contains("ORPHAN REGULAR").contains("1 problems found, 0 repaired");
            assertThat(fsck(EmbeddedDefault.SHARE, "--online", "--repair")).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("--repair needs the share offline");
        }
    }

    @Test
    void anUnknownShareIsAConfigError() {
        assertThat(fsck("nope")).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString()).contains("no share named 'nope'");
    }

    @Test
    void aBadConfigFileIsAConfigError() throws Exception {
        Path cfg = data.resolve("bad.yaml");
        Files.writeString(cfg, "shares:\n  - name: x\n    metadataStore: nope\n    blockStore: nope\n");
        assertThat(fsck("x", "--config", cfg.toString())).isEqualTo(ExitCodes.CONFIG);
    }
}
