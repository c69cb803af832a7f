package io.dittofs.bench.pipeline;

import io.dittofs.store.block.pipeline.chunk.ChunkerConfig;
import io.dittofs.store.block.pipeline.chunk.FastCdc;
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

/** FastCDC boundary finding with the default sizes (16/64/256 KiB); ops/s = MiB/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FastCdcBench {
    @Param({"random", "text"})
    public String data;

    private BenchData.Cursor cursor;
    private FastCdc cdc;

    @Setup
    public void setup() {
        cursor = new BenchData.Cursor(BenchData.make(data));
        cdc = new FastCdc(ChunkerConfig.DEFAULT);
    }

    @Benchmark
    public int fastCdc() {
        ByteBuffer mib = cursor.nextMib();
        int cuts = 0;
        while (mib.hasRemaining()) {
            if (cdc.findBoundary(mib)) {
                cuts++;
            }
        }
        return cuts;
    }
}
