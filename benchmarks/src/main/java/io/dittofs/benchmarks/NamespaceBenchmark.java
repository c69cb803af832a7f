package io.dittofs.benchmarks;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.DirectoryListing;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.RenameResult;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6, performance: create, lookup, getattr, readdir of a 10,000-entry directory, and rename,
 * through {@code PosixFileSystem} on each metadata store, one caller at a time. Creates and
 * renames are SYNC (durable when they return), as the protocols ask of them.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NamespaceBenchmark {
    static final int ENTRIES = 10_000;

    @Param({"memory", "rocksdb", "postgres"})
    public String store = "memory";

    private @Nullable BenchShare share;
    private NodeId big = new NodeId(0, 0);
    private NodeId creates = new NodeId(0, 0);
    private NodeId renames = new NodeId(0, 0);
    private String[] names = new String[0];
    private NodeId[] ids = new NodeId[0];
    private int cursor;
    private long created;
    private boolean renamed;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchShare s = BenchShare.open(store);
        share = s;
        big = s.mkdir(s.fs.root(), "big");
        creates = s.mkdir(s.fs.root(), "creates");
        renames = s.mkdir(s.fs.root(), "renames");
        s.fs.createFile(BenchShare.ROOT, renames, "a", BenchShare.FILE_MODE, CreateMode.GUARDED);
        names = new String[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            names[i] = String.format("file-%05d", i);
        }
        ids = s.createAll(big, names);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (share != null) {
            share.close();
        }
    }

    private BenchShare share() {
        BenchShare s = share;
        if (s == null) {
            throw new IllegalStateException("not set up");
        }
        return s;
    }

    /** Visits the entries in a scattered order, so caches see no sequential run. */
    private int next() {
        cursor = (cursor + 7919) % ENTRIES;
        return cursor;
    }

    @Benchmark
    public Attributes create() {
        return share().fs
                .createFile(BenchShare.ROOT, creates, "c" + created++, BenchShare.FILE_MODE, CreateMode.GUARDED)
                .created();
    }

    @Benchmark
    public Attributes lookup() {
        return share().fs.lookup(BenchShare.ROOT, big, names[next()]);
    }

    @Benchmark
    public Attributes getattr() {
        return share().fs.getAttributes(BenchShare.ROOT, ids[next()]);
    }

    /** Lists the whole 10,000-entry directory, 1,000 entries per call, with attributes (READDIRPLUS). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int readdir10k() {
        int seen = 0;
        long cookie = 0;
        long verifier = 0;
        while (true) {
            DirectoryListing page = share().fs.readDirectory(BenchShare.ROOT, big, cookie, verifier, 1000, true);
            seen += page.entries().size();
            if (page.eof()) {
                return seen;
            }
            cookie = page.entries().getLast().cookie();
            verifier = page.verifier();
        }
    }

    /** Renames one file back and forth within a directory. */
    @Benchmark
    public RenameResult rename() {
        String from = renamed ? "b" : "a";
        String to = renamed ? "a" : "b";
        renamed = !renamed;
        return share().fs.rename(BenchShare.ROOT, renames, from, renames, to);
    }
}
