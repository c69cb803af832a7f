package io.dittofs.bench.workload;

import java.util.SplittableRandom;

/**
 * The bytes the workloads write: pools of distinct pseudo-random blocks made once from the seed,
 * so writing costs the load generator no CPU per request and a test can recompute what a file
 * must hold. Block {@code b} of file {@code f} is pool entry {@code (f * 31 + b) mod size}.
 */
public final class Data {
    public static final int MIB = 1 << 20;
    public static final int SMALL = 4096;
    private static final int LARGE_POOL = 8;
    private static final int SMALL_POOL = 256;

    private final byte[][] large = new byte[LARGE_POOL][];
    private final byte[][] small = new byte[SMALL_POOL][];

    public Data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < LARGE_POOL; i++) {
            large[i] = new byte[MIB];
            r.nextBytes(large[i]);
        }
        for (int i = 0; i < SMALL_POOL; i++) {
            small[i] = new byte[SMALL];
            r.nextBytes(small[i]);
        }
    }

    /** The 1 MiB block {@code block} of file {@code file}. Shared: never modify it. */
    public byte[] mib(int file, long block) {
        return large[(int) Math.floorMod(file * 31L + block, LARGE_POOL)];
    }

    /** A 4 KiB block. Shared: never modify it. */
    public byte[] small(int file, long block) {
        return small[(int) Math.floorMod(file * 31L + block, SMALL_POOL)];
    }

    /** The first {@code size} bytes of a small file's content. */
    public byte[] smallFile(int file, int size) {
        byte[] out = new byte[size];
        for (int off = 0; off < size; off += SMALL) {
            byte[] b = small(file, off / SMALL);
            System.arraycopy(b, 0, out, off, Math.min(SMALL, size - off));
        }
        return out;
    }
}
