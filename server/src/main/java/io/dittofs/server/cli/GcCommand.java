package io.dittofs.server.cli;

import io.dittofs.runtime.content.ContentStore;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.OfflineShare;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigLoader;
import io.dittofs.server.config.DittoConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dittofs gc SHARE}: deletes the share's unreferenced chunks now, while no daemon serves it. */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes the chunks of one share that no file has referred to for at least the grace period:"
                    + " each chunk's index record first (re-checking its reference count), then its object in the"
                    + " block store and its cached copy. Prints progress as it pages through the chunk index.",
            "%nOpening the share replays its write log; changes logged but not yet rolled up are rolled up"
                    + " in the background while it runs. Run it while no daemon serves the share (a running daemon"
                    + " collects garbage in the background itself).",
            "%nReads the same config as start: --config, or the embedded default under --data-dir.%n"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:it failed",
            "2:bad usage",
            "75:the share's store is in use by a running daemon",
            "78:configuration error"
        })
public final class GcCommand implements Callable<Integer> {

    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(paramLabel = "SHARE", description = "The share to collect (the embedded default's is 'export').")
    String share = "";

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see docs/configuration.md).")
    @Nullable
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: ./dittofs-data).")
    @Nullable
    Path dataDir;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            description =
                    "Only chunks unreferenced for this long (ISO-8601, e.g. PT10M; default: the share's, 10 minutes).")
    @Nullable
    String grace;

    @Override
    public Integer call() {
        PrintWriter out = spec == null
                ? new PrintWriter(System.out, true)
                : spec.commandLine().getOut();
        PrintWriter err = spec == null
                ? new PrintWriter(System.err, true)
                : spec.commandLine().getErr();
        OfflineShare opened;
        Duration graceDuration;
        try {
            DittoConfig base = config == null ? EmbeddedDefault.config(dataDir) : ConfigLoader.load(config);
            DittoConfig effective = EmbeddedDefault.withOverrides(base, dataDir, null, null, null, null);
            opened = OfflineShare.open(effective, share);
            graceDuration = grace == null ? opened.content().gcGrace() : Duration.parse(grace);
        } catch (ConfigException e) {
            for (String p : e.problems()) {
                err.println("config error: " + p);
            }
            err.flush();
            return ExitCodes.CONFIG;
        } catch (DateTimeParseException e) {
            err.println("dittofs gc: --grace '" + grace + "' is not an ISO-8601 duration such as PT10M");
            err.flush();
            return ExitCodes.USAGE;
        } catch (OfflineShare.InUseException e) {
            err.println("dittofs gc: " + e.getMessage());
            err.flush();
            return ExitCodes.IN_USE;
        }
        try (OfflineShare s = opened;
                ContentStore content =
                        new ContentStore(s.metadata(), s.blocks(), s.contentPrefix(), s.content(), Clock.systemUTC())) {
            ContentStore.GcResult r = content.gc(graceDuration, line -> {
                out.println("gc: " + line);
                out.flush();
            });
            out.println("share '" + share + "': " + r.deleted() + " of " + r.scanned() + " chunks deleted, "
                    + r.deletedBytes() + " bytes freed; " + r.deletedPacks() + " packs deleted, " + r.repackedPacks()
                    + " repacked");
            out.flush();
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            err.println("dittofs gc: failed: " + e);
            err.flush();
            return ExitCodes.FAILURE;
        }
    }
}
