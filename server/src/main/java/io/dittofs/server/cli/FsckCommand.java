package io.dittofs.server.cli;

import io.dittofs.runtime.fsck.Finding;
import io.dittofs.runtime.fsck.Fsck;
import io.dittofs.runtime.fsck.FsckSummary;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.OfflineShare;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigLoader;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.store.metadata.MetadataStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dittofs fsck SHARE}: checks (and with --repair fixes) one share while no daemon serves it;
 * with --online, checks the namespace of a share a daemon is serving, read-only.
 */
@Command(
        name = "fsck",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the consistency of one share's metadata and content: entries point to live inodes, link"
                    + " counts and parents match, no inode is unreachable from the root, every chunk the content"
                    + " maps use is indexed with the right reference count and stored, no stored chunk is leaked."
                    + " Run it while no daemon serves the share (a RocksDB store in use is refused),"
                    + " or with --online beside the daemon.",
            "%nWith --repair it fixes what is safe: dangling entries are removed, link counts and parents set,"
                    + " unreachable inodes moved to /lost+found, reference counts set, leaked chunks deleted.",
            "%nReads the same config as start: --config, or the embedded default under --data-dir.%n"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no problems found",
            "1:problems found (with --repair: see the summary for what remains), or the check failed",
            "2:bad usage",
            "75:the share's store is in use by a running daemon",
            "78:configuration error"
        })
public final class FsckCommand implements Callable<Integer> {

    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(paramLabel = "SHARE", description = "The share to check (the embedded default's is 'export').")
    String share = "";

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see docs/configuration.md).")
    @Nullable
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: ./dittofs-data).")
    @Nullable
    Path dataDir;

    @Option(names = "--repair", description = "Fix what can be fixed safely.")
    boolean repair;

    @Option(
            names = "--online",
            description = "Check a share a running daemon serves: its namespace as of one moment, read-only"
                    + " (RocksDB: a secondary instance; PostgreSQL: one REPEATABLE READ snapshot). Never writes;"
                    + " content blocks are not checked.")
    boolean online;

    @Override
    public Integer call() {
        PrintWriter out = spec == null
                ? new PrintWriter(System.out, true)
                : spec.commandLine().getOut();
        PrintWriter err = spec == null
                ? new PrintWriter(System.err, true)
                : spec.commandLine().getErr();
        if (online && repair) {
            err.println("dittofs fsck: --online only checks; --repair needs the share offline");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (online) {
            return checkOnline(out, err);
        }
        OfflineShare opened;
        try {
            opened = OfflineShare.open(effectiveConfig(), share);
        } catch (ConfigException e) {
            return configError(err, e);
        } catch (OfflineShare.InUseException e) {
            err.println("dittofs fsck: " + e.getMessage());
            err.flush();
            return ExitCodes.IN_USE;
        }
        try (OfflineShare s = opened) {
            Fsck fsck = new Fsck(s.metadata(), s.blocks(), s.contentPrefix(), Clock.systemUTC());
            return report(
                    out, err, "", () -> repair ? fsck.repair(f -> print(out, f)) : fsck.check(f -> print(out, f)));
        }
    }

    private int checkOnline(PrintWriter out, PrintWriter err) {
        MetadataStore view;
        try {
            view = OfflineShare.openMetadataReadOnly(effectiveConfig(), share);
        } catch (ConfigException e) {
            return configError(err, e);
        } catch (RuntimeException e) {
            err.println("dittofs fsck: cannot open a read-only view of the share: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        try (MetadataStore v = view) {
            return report(out, err, " (online, namespace only)", () -> Fsck.namespaceOnly(v, Clock.systemUTC())
                    .check(f -> print(out, f)));
        }
    }

    /** Runs {@code run}, prints its summary and returns the exit code. */
    private int report(PrintWriter out, PrintWriter err, String mode, Supplier<FsckSummary> run) {
        try {
            FsckSummary summary = run.get();
            out.println("share '" + share + "'" + mode + ": " + summary);
            out.flush();
            return summary.clean() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (RuntimeException e) {
            err.println("dittofs fsck: the check failed: " + e);
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    private DittoConfig effectiveConfig() throws ConfigException {
        DittoConfig base = config == null ? EmbeddedDefault.config(dataDir) : ConfigLoader.load(config);
        return EmbeddedDefault.withOverrides(base, dataDir, null, null, null, null);
    }

    private static int configError(PrintWriter err, ConfigException e) {
        for (String p : e.problems()) {
            err.println("config error: " + p);
        }
        err.flush();
        return ExitCodes.CONFIG;
    }

    private static void print(PrintWriter out, Finding f) {
        out.println(f.kind() + " " + f.detail() + (f.repaired() ? " [repaired]" : ""));
    }
}
