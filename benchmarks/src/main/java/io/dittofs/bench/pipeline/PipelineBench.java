package io.dittofs.bench.pipeline;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import io.dittofs.store.block.pipeline.ChunkSealer;
import io.dittofs.store.block.pipeline.chunk.Chunker;
import io.dittofs.store.block.pipeline.chunk.ChunkerConfig;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.hash.Blake3Hashers;
import io.dittofs.store.block.pipeline.hash.ChunkHasher;
import java.io.IOException;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole write-side CPU path on one core: FastCDC chunking, keyed BLAKE3 naming (the fastest
 * hasher available), compression (raw when it does not pay), envelope encryption into a complete
 * object with its header. ops/s = MiB/s of file data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBench {
    @Param({"none", "lz4", "zstd1"})
    public String codec;

    @Param({"AES_256_GCM", "CHACHA20_POLY1305"})
    public String algorithm;

    @Param({"random", "text"})
    public String data;

    private BenchData.Cursor cursor;
    private ChunkHasher hasher;
    private ChunkSealer sealer;

    @Setup
    public void setup() throws IOException {
        cursor = new BenchData.Cursor(BenchData.make(data));
        hasher = Blake3Hashers.fastest(new byte[32]);
        Path dir = Files.createTempDirectory("dittofs-bench");
        EnvelopeCipher cipher =
                new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("kek")), AeadAlgorithm.valueOf(algorithm));
        ChunkCompressor compressor = new ChunkCompressor(BenchData.codec(codec));
        sealer = new ChunkSealer(compressor, cipher, hasher);
    }

    @Benchmark
    public void chunkHashCompressEncrypt(Blackhole bh) {
        Chunker chunker = new Chunker(ChunkerConfig.DEFAULT, (offset, chunk) -> {
            bh.consume(hasher.hash(chunk));
            bh.consume(sealer.seal(chunk));
        });
        chunker.accept(cursor.nextMib());
        chunker.finish();
    }
}
