package io.dittofs.bench.pipeline;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
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
 * Envelope encryption of 64 KiB chunks, each under a fresh data key wrapped by the KEK (so the
 * key generation and AES key wrap per object are included); ops/s = MiB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AeadBench {
    @Param({"AES_256_GCM", "CHACHA20_POLY1305"})
    public String algorithm;

    private BenchData.Cursor cursor;
    private EnvelopeCipher cipher;
    private ByteBuffer out;
    private final byte[] aad = new byte[100];

    @Setup
    public void setup() throws IOException {
        cursor = new BenchData.Cursor(BenchData.make("random"));
        Path dir = Files.createTempDirectory("dittofs-bench");
        cipher = new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("kek")), AeadAlgorithm.valueOf(algorithm));
        out = ByteBuffer.allocate(EnvelopeCipher.ciphertextLength(BenchData.CHUNK));
    }

    @Benchmark
    public int encrypt() {
        ByteBuffer mib = cursor.nextMib();
        int total = 0;
        for (int off = 0; off < BenchData.MIB; off += BenchData.CHUNK) {
            out.clear();
            total += cipher.newDataKey().encrypt(mib.slice(off, BenchData.CHUNK), out, aad);
        }
        return total;
    }
}
