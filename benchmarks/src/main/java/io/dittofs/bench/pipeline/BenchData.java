package io.dittofs.bench.pipeline;

import io.dittofs.store.block.pipeline.compress.Codec;
import io.dittofs.store.block.pipeline.compress.Codecs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Input for the benchmarks: 32 MiB of either random bytes (incompressible, like media or
 * encrypted files) or text made of random words (compresses about 3:1 with zstd, like source code
 * or logs). Every benchmark processes exactly {@link #MIB} bytes per operation, taken from a
 * rotating offset, so JMH's ops/s reads directly as MiB/s.
 */
final class BenchData {
    static final int MIB = 1 << 20;
    static final int SIZE = 32 * MIB;
    static final int CHUNK = 64 * 1024;

    private BenchData() {}

    static byte[] make(String kind) {
        byte[] b = new byte[SIZE];
        Random rnd = new Random(42);
        switch (kind) {
            case "random" -> rnd.nextBytes(b);
            case "text" -> {
                String[] words = new String[2000];
                for (int i = 0; i < words.length; i++) {
                    StringBuilder w = new StringBuilder();
                    int len = 2 + rnd.nextInt(9);
                    for (int j = 0; j < len; j++) {
                        w.append((char) ('a' + rnd.nextInt(26)));
                    }
                    words[i] = w.toString();
                }
                int pos = 0;
                while (pos < b.length) {
                    byte[] w = (words[(int) Math.abs(rnd.nextGaussian() * 300) % words.length]
                                    + (rnd.nextInt(12) == 0 ? ".\n" : " "))
                            .getBytes(StandardCharsets.US_ASCII);
                    int n = Math.min(w.length, b.length - pos);
                    System.arraycopy(w, 0, b, pos, n);
                    pos += n;
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return b;
    }

    /** The codec a benchmark's {@code codec} parameter names: none, lz4, zstd1, zstd3. */
    static Codec codec(String name) {
        return switch (name) {
            case "none" -> Codecs.none();
            case "lz4" -> Codecs.lz4();
            case "zstd1" -> Codecs.zstd(1);
            case "zstd3" -> Codecs.zstd(3);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Rotates through the data one MiB at a time. */
    static final class Cursor {
        private final byte[] data;
        private int offset;

        Cursor(byte[] data) {
            this.data = data;
        }

        ByteBuffer nextMib() {
            ByteBuffer b = ByteBuffer.wrap(data, offset, MIB).slice();
            offset = (offset + MIB) % SIZE;
            return b;
        }
    }
}
