package io.dittofs.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.server.OfflineShare;
import io.dittofs.server.config.ConfigLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dittofs fsck --online} on a PostgreSQL share that a "daemon" keeps changing. */
class OnlineFsckPostgresTest {
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);

    @TempDir
    Path data;

    @Test
    void onlineCheckOfAPostgresShareSeesOneConsistentMoment() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path blocks = Files.createDirectories(data.resolve("blocks"));
            Path config = data.resolve("dittofs.yaml");
            Files.writeString(
                    config, """
                    server:
                      dataDir: %s
                    metadataStores:
                      - name: meta
                        type: postgres
                        url: %s
                        user: postgres
                        schema: pgshare
                    blockStores:
                      - name: blocks
                        type: filesystem
                        path: %s
                    shares:
                      - name: pgshare
                        metadataStore: meta
                        blockStore: blocks
                    """.formatted(data.resolve("state"), pg.getJdbcUrl("postgres", "postgres"), blocks));
            try (OfflineShare running = OfflineShare.open(ConfigLoader.load(config), "pgshare")) {
                FileSystem fs = Shares.open(
                                "pgshare",
                                ShareOptions.DEFAULTS,
                                running.metadata(),
                                running.blocks(),
                                running.content(),
                                Clock.systemUTC())
                        .fileSystem();
                var docs = fs.createDirectory(ROOT, fs.root(), "docs", SetAttributes.mode(0755))
                        .created()
                        .id();
                AtomicBoolean stop = new AtomicBoolean();
                Thread busy = Thread.ofPlatform().start(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        fs.createFile(ROOT, fs.root(), "f" + i, SetAttributes.mode(0644), CreateMode.GUARDED);
                        if (i % 2 == 1) {
                            fs.rename(ROOT, fs.root(), "f" + i, docs, "g" + i);
                        }
                    }
                });
                try {
                    for (int run = 0; run < 2; run++) {
                        StringWriter out = new StringWriter();
                        StringWriter err = new StringWriter();
                        CommandLine cmd = new CommandLine(new DittoFsCommand());
                        cmd.setOut(new PrintWriter(out, true));
                        cmd.setErr(new PrintWriter(err, true));
                        int code = cmd.execute("fsck", "pgshare", "--online", "--config", config.toString());
                        assertThat(code).as("run %d: %s%s", run, out, err).isEqualTo(ExitCodes.OK);
                        assertThat(out.toString()).contains("share 'pgshare' (online, namespace only):", "0 problems");
                    }
                } finally {
                    stop.set(true);
                    busy.join();
                }
                fs.close();
            }
        }
    }
}
