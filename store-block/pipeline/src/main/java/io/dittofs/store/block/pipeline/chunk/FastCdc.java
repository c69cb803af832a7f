package io.dittofs.store.block.pipeline.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Finds FastCDC chunk boundaries in a byte stream fed as any sequence of buffers: the boundaries
 * depend only on the bytes, never on how they were split into buffers.
 *
 * <p>Per byte, after the first {@code minSize} bytes of a chunk (which are skipped, not hashed):
 * {@code fp = (fp << 1) + GEAR[byte]}; a boundary falls after the byte when {@code fp & mask ==
 * 0}, with the harder mask while the chunk is at most the normal size and the easier one after
 * it; at {@code maxSize} a boundary is forced. {@code fp} starts at zero in every chunk.
 *
 * <p>Heap buffers are scanned two bytes per fingerprint step (the paper's optimization) with
 * eight bytes per load; other buffers one byte at a time. Both give the same boundaries (tested).
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class FastCdc {
    private static final long[] GEAR = GearTable.GEAR;
    private static final long[] GEAR_SHIFTED = GearTable.GEAR_SHIFTED;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ChunkerConfig config;
    private final int minSize;
    private final int normalSize;
    private final int maxSize;
    private final long maskHard;
    private final long maskEasy;

    private long fingerprint;
    private int length;

    public FastCdc(ChunkerConfig config) {
        this.config = config;
        Parameters p = Parameters.derive(config);
        this.minSize = config.minSize();
        this.maxSize = config.maxSize();
        this.normalSize = p.normalSize();
        this.maskHard = GearTable.mask(p.bits() + config.normalization());
        this.maskEasy = GearTable.mask(p.bits() - config.normalization());
    }

    public ChunkerConfig config() {
        return config;
    }

    /** The derived normal size: lengths up to it are judged by the harder mask. */
    public int normalSize() {
        return normalSize;
    }

    /** Bytes seen since the last boundary. */
    public int pendingLength() {
        return length;
    }

    /** Forgets the current chunk: the next byte starts a new one. */
    public void reset() {
        length = 0;
        fingerprint = 0;
    }

    /**
     * Scans {@code buf} from its position. When a boundary is found, moves the position to just
     * after it and returns true (the chunk is the {@link #pendingLength()} bytes seen before the
     * call plus those consumed now; the state is then reset for the next chunk). Otherwise consumes
     * the whole buffer and returns false.
     */
    public boolean findBoundary(ByteBuffer buf) {
        int pos = buf.position();
        int limit = buf.limit();
        if (length < minSize) {
            int skip = Math.min(minSize - length, limit - pos);
            pos += skip;
            length += skip;
            if (length < minSize) {
                buf.position(pos);
                return false;
            }
        }
        int end = buf.hasArray() ? scanArray(buf.array(), buf.arrayOffset(), pos, limit) : scanBuffer(buf, pos, limit);
        buf.position(end < 0 ? limit : end);
        if (end < 0) {
            return false;
        }
        reset();
        return true;
    }

    /**
     * Returns the position just after a boundary, or -1 when none is found before {@code limit}
     * (then the fingerprint and length are saved for the next buffer).
     */
    private int scanArray(byte[] a, int offset, int pos, int limit) {
        final long[] gear = GEAR;
        final long[] gearShifted = GEAR_SHIFTED;
        long fp = fingerprint;
        int start = pos;
        // Two bytes per step, as in the 2020 paper: with g' = g << 1 and m' = m << 1 (bit 63 of m
        // is clear), ((fp << 2) + g'[b0]) & m' == 0 exactly when ((fp << 1) + g[b0]) & m == 0, and
        // adding g[b1] gives the fingerprint after b1. Same boundaries, half the dependent shifts.
        int hardStop = pos + Math.min(limit - pos, Math.max(0, normalSize - length));
        long m = maskHard;
        long mShifted = m << 1;
        while (pos + 8 <= hardStop) { // eight bytes per load
            long w = (long) LONG_LE.get(a, offset + pos);
            fp = (fp << 2) + gearShifted[(int) w & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 1;
            }
            fp += gear[(int) (w >>> 8) & 0xff];
            if ((fp & m) == 0) {
                return pos + 2;
            }
            fp = (fp << 2) + gearShifted[(int) (w >>> 16) & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 3;
            }
            fp += gear[(int) (w >>> 24) & 0xff];
            if ((fp & m) == 0) {
                return pos + 4;
            }
            fp = (fp << 2) + gearShifted[(int) (w >>> 32) & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 5;
            }
            fp += gear[(int) (w >>> 40) & 0xff];
            if ((fp & m) == 0) {
                return pos + 6;
            }
            fp = (fp << 2) + gearShifted[(int) (w >>> 48) & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 7;
            }
            fp += gear[(int) (w >>> 56) & 0xff];
            if ((fp & m) == 0) {
                return pos + 8;
            }
            pos += 8;
        }
        while (pos + 1 < hardStop) {
            fp = (fp << 2) + gearShifted[a[offset + pos] & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 1;
            }
            fp += gear[a[offset + pos + 1] & 0xff];
            pos += 2;
            if ((fp & m) == 0) {
                return pos;
            }
        }
        if (pos < hardStop) {
            fp = (fp << 1) + gear[a[offset + pos++] & 0xff];
            if ((fp & m) == 0) {
                return pos;
            }
        }
        int easyStop = pos + Math.min(limit - pos, maxSize - (length + pos - start));
        m = maskEasy;
        mShifted = m << 1;
        while (pos + 8 <= easyStop) { // eight bytes per load
            long w = (long) LONG_LE.get(a, offset + pos);
            fp = (fp << 2) + gearShifted[(int) w & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 1;
            }
            fp += gear[(int) (w >>> 8) & 0xff];
            if ((fp & m) == 0) {
                return pos + 2;
            }
            fp = (fp << 2) + gearShifted[(int) (w >>> 16) & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 3;
            }
            fp += gear[(int) (w >>> 24) & 0xff];
            if ((fp & m) == 0) {
                return pos + 4;
            }
            fp = (fp << 2) + gearShifted[(int) (w >>> 32) & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 5;
            }
            fp += gear[(int) (w >>> 40) & 0xff];
            if ((fp & m) == 0) {
                return pos + 6;
            }
            fp = (fp << 2) + gearShifted[(int) (w >>> 48) & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 7;
            }
            fp += gear[(int) (w >>> 56) & 0xff];
            if ((fp & m) == 0) {
                return pos + 8;
            }
            pos += 8;
        }
        while (pos + 1 < easyStop) {
            fp = (fp << 2) + gearShifted[a[offset + pos] & 0xff];
            if ((fp & mShifted) == 0) {
                return pos + 1;
            }
            fp += gear[a[offset + pos + 1] & 0xff];
            pos += 2;
            if ((fp & m) == 0) {
                return pos;
            }
        }
        if (pos < easyStop) {
            fp = (fp << 1) + gear[a[offset + pos++] & 0xff];
            if ((fp & m) == 0) {
                return pos;
            }
        }
        return save(fp, start, pos);
    }

    /** {@link #scanArray} for buffers without an accessible array (direct, read-only). */
    private int scanBuffer(ByteBuffer b, int pos, int limit) {
        final long[] gear = GEAR;
        long fp = fingerprint;
        int start = pos;
        int hardStop = pos + Math.min(limit - pos, Math.max(0, normalSize - length));
        while (pos < hardStop) {
            fp = (fp << 1) + gear[b.get(pos++) & 0xff];
            if ((fp & maskHard) == 0) {
                return pos;
            }
        }
        int easyStop = pos + Math.min(limit - pos, maxSize - (length + pos - start));
        while (pos < easyStop) {
            fp = (fp << 1) + gear[b.get(pos++) & 0xff];
            if ((fp & maskEasy) == 0) {
                return pos;
            }
        }
        return save(fp, start, pos);
    }

    /** At the end of a scan without a mask hit: a forced cut at the maximum, or save the state. */
    private int save(long fp, int start, int pos) {
        int len = length + (pos - start);
        if (len >= maxSize) {
            return pos;
        }
        fingerprint = fp;
        length = len;
        return -1;
    }

    /** The derived mask width and normal size for a configuration. */
    record Parameters(int bits, int normalSize) {
        static Parameters derive(ChunkerConfig c) {
            int base = (int) Math.round(Math.log(c.avgSize()) / Math.log(2));
            for (int delta = 0; delta <= 8; delta++) {
                for (int bits : new int[] {base - delta, base + delta}) {
                    Parameters p = solve(c, bits);
                    if (p != null) {
                        return p;
                    }
                }
            }
            if (c.normalization() == 0) {
                // Without normalization the switch point changes nothing: the nearest mask width.
                int bits = (int) Math.round(Math.log(c.avgSize() - c.minSize()) / Math.log(2));
                return new Parameters(Math.max(1, bits), c.avgSize());
            }
            throw new IllegalArgumentException("no FastCDC masks give an expected chunk size of " + c.avgSize()
                    + " between " + c.minSize() + " and " + c.maxSize() + "; move min or max away from avg");
        }

        private static @Nullable Parameters solve(ChunkerConfig c, int bits) {
            int level = c.normalization();
            if (bits - level < 1 || bits + level > 48) {
                return null;
            }
            if (expected(c, bits, c.minSize()) > c.avgSize() || expected(c, bits, c.maxSize()) < c.avgSize()) {
                return null;
            }
            int lo = c.minSize();
            int hi = c.maxSize();
            while (lo < hi) { // smallest normal size whose expected chunk size reaches avg
                int mid = (lo + hi) >>> 1;
                if (expected(c, bits, mid) >= c.avgSize()) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            int n = lo;
            if (n > c.minSize() && c.avgSize() - expected(c, bits, n - 1) < expected(c, bits, n) - c.avgSize()) {
                n--;
            }
            return new Parameters(bits, n);
        }

        /**
         * The expected chunk length on random bytes: each judged length L (min < L < max) is a cut
         * with probability 2^-(bits + level) when L <= normal and 2^-(bits - level) after; max is
         * always a cut. E[len] = sum over L in [0, max) of P(len > L).
         */
        static double expected(ChunkerConfig c, int bits, int normal) {
            double p1 = Math.pow(2, -(bits + c.normalization()));
            double p2 = Math.pow(2, -(bits - c.normalization()));
            double a = 1 - p1;
            double b = 1 - p2;
            int m = c.maxSize() - c.minSize();
            int n1 = normal - c.minSize();
            int k = Math.min(n1, m - 1);
            double sum = (1 - Math.pow(a, k + 1)) / p1;
            if (n1 < m - 1) {
                sum += Math.pow(a, n1) * b * (1 - Math.pow(b, m - 1 - n1)) / p2;
            }
            return c.minSize() + sum;
        }
    }
}
