package io.dittofs.bench.pipeline;

import io.dittofs.store.block.pipeline.compress.Codec;
import io.dittofs.store.block.pipeline.compress.Codecs;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Compressing 64 KiB chunks; ops/s = MiB/s of input. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompressBench {
    @Param({"lz4", "zstd1", "zstd3"})
    public String codec;

    @Param({"random", "text"})
    public String data;

    private BenchData.Cursor cursor;
    private Codec c;
    private ByteBuffer out;

    @Setup
    public void setup() {
        cursor = new BenchData.Cursor(BenchData.make(data));
        c = switch (codec) {
            case "lz4" -> Codecs.lz4();
            case "zstd1" -> Codecs.zstd(1);
            case "zstd3" -> Codecs.zstd(3);
            default -> throw new IllegalArgumentException(codec);
        };
        out = ByteBuffer.allocate(c.maxCompressedLength(BenchData.CHUNK));
    }

    @Benchmark
    public int compress() {
        ByteBuffer mib = cursor.nextMib();
        int total = 0;
        for (int off = 0; off < BenchData.MIB; off += BenchData.CHUNK) {
            out.clear();
            total += c.compress(mib.slice(off, BenchData.CHUNK), out);
        }
        return total;
    }
}
