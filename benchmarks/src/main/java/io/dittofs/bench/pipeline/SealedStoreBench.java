package io.dittofs.bench.pipeline;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.seal.SealingBlockStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The sealed remote's CPU cost on one core: a 1 MiB put through {@link SealingBlockStore} (cut
 * into 64 KiB frames, each compressed and encrypted, plus the frame index) into a memory store,
 * and a whole-object get back; ops/s = MiB/s. The remote itself costs nothing here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SealedStoreBench {
    @Param({"none", "lz4", "zstd1", "zstd3"})
    public String codec;

    @Param({"AES_256_GCM", "CHACHA20_POLY1305"})
    public String algorithm;

    @Param({"random", "text"})
    public String data;

    private BenchData.Cursor cursor;
    private SealingBlockStore store;

    @Setup
    public void setup() throws IOException {
        cursor = new BenchData.Cursor(BenchData.make(data));
        Path dir = Files.createTempDirectory("dittofs-bench");
        EnvelopeCipher cipher =
                new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("kek")), AeadAlgorithm.valueOf(algorithm));
        ChunkCompressor compressor = new ChunkCompressor(BenchData.codec(codec));
        store = new SealingBlockStore(new MemoryBlockStore(), compressor, cipher, SealingBlockStore.DEFAULT_FRAME_SIZE);
        store.put("read", cursor.nextMib());
    }

    @Benchmark
    public void put() {
        store.put("obj", cursor.nextMib());
    }

    @Benchmark
    public ByteBuffer get() {
        return store.get("read").orElseThrow();
    }
}
