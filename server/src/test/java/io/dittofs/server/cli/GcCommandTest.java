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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dittofs gc} over the embedded default's RocksDB and filesystem stores. */
class GcCommandTest {
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Two files, one removed: its chunks are unreferenced, the other's are not. */
    @BeforeEach
    void createAShareWithGarbage() throws Exception {
        try (OfflineShare s = OfflineShare.open(EmbeddedDefault.config(data), EmbeddedDefault.SHARE)) {
            FileSystem fs = Shares.open(
                            EmbeddedDefault.SHARE,
                            ShareOptions.DEFAULTS,
                            s.metadata(),
                            s.blocks(),
                            s.content(),
                            Clock.systemUTC())
                    .fileSystem();
            for (String name : new String[] {"keep", "drop"}) {
                NodeId f = fs.createFile(ROOT, fs.root(), name, SetAttributes.mode(0644), CreateMode.GUARDED)
                        .created()
                        .id();
                byte[] bytes = new byte[300_000];
                new Random(name.hashCode()).nextBytes(bytes);
                fs.write(ROOT, f, 0, ByteBuffer.wrap(bytes), Stability.FILE_SYNC);
            }
            ((PosixFileSystem) fs).content().drain();
            fs.remove(ROOT, fs.root(), "drop");
            fs.close();
        }
    }

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new DittoFsCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "gc";
        all[1] = "--data-dir";
        all[2] = data.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cmd.execute(all);
    }

    @Test
    void chunksInsideTheGracePeriodStayAndAfterItTheyGo() {
        assertThat(run(EmbeddedDefault.SHARE)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("gc: ").contains(": 0 of ");
        out.getBuffer().setLength(0);
        assertThat(run(EmbeddedDefault.SHARE, "--grace", "PT0S")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .containsPattern("share 'export': [1-9]\\d* of \\d+ chunks deleted, [1-9]\\d* bytes freed");
        out.getBuffer().setLength(0);
        assertThat(run(EmbeddedDefault.SHARE, "--grace", "PT0S")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains(": 0 of ");
        assertThat(new FsckRun(data).clean()).isTrue();
    }

    @Test
    void aBadGraceIsAUsageError() {
        assertThat(run(EmbeddedDefault.SHARE, "--grace", "ten minutes")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("ISO-8601");
    }

    /** fsck of the same share, so a collection is shown to leave nothing missing or leaked. */
    private record FsckRun(Path data) {
        boolean clean() {
            CommandLine cmd = new CommandLine(new DittoFsCommand());
            StringWriter sink = new StringWriter();
            cmd.setOut(new PrintWriter(sink, true));
            cmd.setErr(new PrintWriter(sink, true));
            return cmd.execute("fsck", "--data-dir", data.toString(), EmbeddedDefault.SHARE) == ExitCodes.OK;
        }
    }
}
