package io.dittofs.bench;

import io.dittofs.bench.driver.Target;
import io.dittofs.bench.workload.Data;
import io.dittofs.bench.workload.Progress;
import io.dittofs.bench.workload.Report;
import io.dittofs.bench.workload.Result;
import io.dittofs.bench.workload.Runner;
import io.dittofs.bench.workload.Settings;
import io.dittofs.bench.workload.Workload;
import io.dittofs.bench.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code dfsbench} command. */
@Command(
        name = "dfsbench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the same file workloads against one or more servers over NFSv3, NFSv4.1 or SMB3 and",
            "prints throughput, operations per second and latency percentiles; with two or more targets,",
            "each one's ratio to the first, measured in alternating rounds.",
            "",
            "Targets: nfs3://HOST:PORT/EXPORT[?mountport=N&uid=U&gid=G][#label]",
            "         nfs41://HOST:PORT/EXPORT[#label]",
            "         smb3://USER:PASSWORD@HOST:PORT/SHARE[#label]"
        })
public final class DfsBench implements Callable<Integer> {
    /** The output formats. */
    public enum Format {
        table,
        markdown,
        json
    }

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "servers to measure; ratios are against the first")
    List<String> targets = List.of();

    @Option(
            names = {"-w", "--workloads"},
            split = ",",
            description = "workloads (default: all): ${COMPLETION-CANDIDATES}")
    List<String> workloads = Workloads.ALL.stream().map(Workload::name).toList();

    @Option(
            names = {"-c", "--clients"},
            split = ",",
            description = "concurrent clients (default: 1,8,64)")
    List<Integer> clients = List.of(1, 8, 64);

    @Option(
            names = "--depth",
            description = "clients per connection, i.e. requests in flight per connection (default: 4)")
    int depth = 4;

    @Option(names = "--warmup", description = "seconds of warm-up per measurement (default: 2)")
    double warmup = 2;

    @Option(names = "--duration", description = "measured seconds per measurement (default: 5)")
    double duration = 5;

    @Option(names = "--rounds", description = "alternating rounds over the targets (default: 2)")
    int rounds = 2;

    @Option(names = "--seq-mib", description = "MiB of the sequential data set, split across clients (default: 256)")
    long seqMiB = 256;

    @Option(names = "--random-mib", description = "MiB of the random-I/O file (default: 256)")
    long randomMiB = 256;

    @Option(names = "--small-bytes", description = "bytes written per created file (default: 4096)")
    int smallBytes = 4096;

    @Option(names = "--files", description = "files of the stat set and of each remove run (default: 2000)")
    int files = 2000;

    @Option(names = "--dir-entries", description = "entries of the readdir directory (default: 10000)")
    int dirEntries = 10_000;

    @Option(names = "--fsync-every", description = "COMMIT/FLUSH after this many writes per client; 0: never (default)")
    int fsyncEvery = 0;

    @Option(names = "--seed", description = "seed of data and offsets (default: 42)")
    long seed = 42;

    @Option(names = "--dir", description = "directory made under each export/share (default: dfsbench-EPOCHSECONDS)")
    @Nullable
    String dir;

    @Option(
            names = "--quick",
            description =
                    "a run of about 1-2 minutes: 1 round, 0.5 s warm-up, 1.5 s measured, 64 MiB sets, 2000 entries")
    boolean quick;

    @Option(
            names = {"-o", "--output"},
            description = "table, markdown or json (default: table)")
    Format output = Format.table;

    @Option(names = "--out-file", description = "also write the output to this file")
    @Nullable
    Path outFile;

    @Option(names = "--no-progress", description = "no progress line on stderr")
    boolean noProgress;

    @Spec
    @Nullable
    CommandSpec spec;

    private boolean given(String option) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    public static void main(String[] args) {
        // smbj and Netty log at INFO per connection: only warnings, unless told otherwise. Not
        // named logback.xml, so it does not clash with the server's on a test classpath.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dfsbench-logback.xml");
        }
        System.exit(new CommandLine(new DfsBench()).execute(args));
    }

    /** The settings these options describe. */
    public Settings settings() {
        if (quick) {
            // Only what the command line did not set itself.
            rounds = given("--rounds") ? rounds : 1;
            warmup = given("--warmup") ? warmup : 0.5;
            duration = given("--duration") ? duration : 1.5;
            seqMiB = given("--seq-mib") ? seqMiB : 64;
            randomMiB = given("--random-mib") ? randomMiB : 64;
            dirEntries = given("--dir-entries") ? dirEntries : 2000;
            files = given("--files") ? files : 1000;
        }
        return new Settings(
                seqMiB * Data.MIB,
                randomMiB * Data.MIB,
                smallBytes,
                files,
                dirEntries,
                fsyncEvery,
                depth,
                seed,
                Duration.ofMillis((long) (warmup * 1000)),
                Duration.ofMillis((long) (duration * 1000)),
                rounds,
                dir != null ? dir : "dfsbench-" + Instant.now().getEpochSecond());
    }

    @Override
    public Integer call() throws Exception {
        List<Target> ts = targets.stream().map(Target::parse).toList();
        List<Workload> ws = workloads.stream().map(Workloads::named).toList();
        Settings s = settings();
        Instant started = Instant.now();
        List<Result> results;
        try (Progress progress = new Progress(System.err, !noProgress);
                Runner runner = new Runner(ts, s, progress)) {
            results = runner.run(ws, clients);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started", started.toString());
        run.put("finished", Instant.now().toString());
        run.put("targets", ts.stream().map(Target::label).toList());
        run.put("settings", s.describe());
        String text =
                switch (output) {
                    case table -> Report.table(results);
                    case markdown -> Report.markdown(results);
                    case json -> Report.json(run, results);
                };
        System.out.print(text);
        if (outFile != null) {
            Files.writeString(outFile, text);
        }
        return 0;
    }
}
