package io.dittofs.benchmarks;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Issue 7, end to end: 64 MiB of fresh random data through the whole pipeline of one share, as a
 * client would: 1 MiB UNSTABLE writes and a COMMIT ({@code write}: the client's view, the local
 * tier), or that plus rolling it up and syncing it to the remote ({@code writeAndSync}: FastCDC,
 * keyed BLAKE3, dedup lookups, uploads, the metadata commit). Remote: a filesystem block store in
 * a temporary folder (fsync'd puts), or memory (the pipeline's own cost). One op = 64 MiB, so
 * MB/s = ops/s x 67.1.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineWriteBenchmark {
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);
    private static final int FILE = 64 << 20;
    private static final int IO = 1 << 20;

    @Param({"filesystem", "memory"})
    public String remote = "filesystem";

    private Path scratch = Path.of(".");
    private BlockStore blocks = new MemoryBlockStore();
    private FileSystem fs = null;
    private ContentStore content = null;
    private final byte[] data = new byte[FILE];
    private long seed;
    private int files;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        scratch = Files.createTempDirectory("dittofs-pipeline-bench-");
        blocks = remote.equals("memory") ? new MemoryBlockStore() : new FilesystemBlockStore(scratch.resolve("remote"));
        ContentSettings settings = ContentSettings.DEFAULTS
                .withLocalDir(scratch.resolve("local"))
                .withRollup(Duration.ofHours(1), Long.MAX_VALUE)
                .withGc(Duration.ZERO, Duration.ofHours(1));
        fs = Shares.open("bench", ShareOptions.DEFAULTS, new MemoryMetadataStore(), blocks, settings, Clock.systemUTC())
                .fileSystem();
        content = ((PosixFileSystem) fs).content();
    }

    /** Fresh bytes for every op, so nothing dedups. */
    @Setup(Level.Invocation)
    public void freshData() {
        new SplittableRandom(++seed).nextBytes(data);
    }

    private NodeId writeOneFile() {
        NodeId f = fs.createFile(ROOT, fs.root(), "f" + files++, SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
        for (int off = 0; off < FILE; off += IO) {
            fs.write(ROOT, f, off, ByteBuffer.wrap(data, off, IO), Stability.UNSTABLE);
        }
        fs.commit(ROOT, f);
        return f;
    }

    /** The client's view: 64 MiB written and committed (durable on the local tier). */
    @Benchmark
    public NodeId write() {
        return writeOneFile();
    }

    /** The same, then rolled up and synced to the remote. */
    @Benchmark
    public NodeId writeAndSync() {
        NodeId f = writeOneFile();
        content.drain();
        return f;
    }

    /** Untimed: sync what is left, then remove the file and collect its chunks, so disk use stays flat. */
    @TearDown(Level.Invocation)
    public void cleanUp() {
        content.drain();
        fs.remove(ROOT, fs.root(), "f" + (files - 1));
        content.gc(Duration.ZERO, s -> {});
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        fs.close();
        blocks.close();
        try (Stream<Path> s = Files.walk(scratch)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
