package io.dittofs.bench.pipeline;

import io.dittofs.store.block.pipeline.hash.ChunkHasher;
import io.dittofs.store.block.pipeline.hash.JavaBlake3Hasher;
import io.dittofs.store.block.pipeline.hash.NativeBlake3Hasher;
import io.dittofs.store.block.pipeline.hash.ParallelChunkHasher;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Keyed BLAKE3 of 64 KiB chunks, per implementation, on one core and (the {@code -x2} variants)
 * with {@link ParallelChunkHasher} on two; ops/s = MiB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Blake3Bench {
    @Param({"java", "native", "java-x2", "native-x2"})
    public String impl;

    private BenchData.Cursor cursor;
    private ChunkHasher hasher;
    private ParallelChunkHasher parallel;
    private final List<ByteBuffer> batch = new ArrayList<>();

    @Setup
    public void setup() {
        cursor = new BenchData.Cursor(BenchData.make("random"));
        byte[] key = new byte[32];
        hasher = impl.startsWith("native") ? NativeBlake3Hasher.create(key) : new JavaBlake3Hasher(key);
        parallel = new ParallelChunkHasher(hasher, impl.endsWith("-x2") ? 2 : 1);
    }

    @TearDown
    public void tearDown() {
        parallel.close();
    }

    @Benchmark
    public void blake3(Blackhole bh) {
        ByteBuffer mib = cursor.nextMib();
        batch.clear();
        for (int off = 0; off < BenchData.MIB; off += BenchData.CHUNK) {
            batch.add(mib.slice(off, BenchData.CHUNK));
        }
        bh.consume(parallel.hashAll(batch));
    }
}
