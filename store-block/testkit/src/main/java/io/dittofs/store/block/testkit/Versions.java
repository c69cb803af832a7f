package io.dittofs.store.block.testkit;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Self-describing values for the concurrency tests: each starts with the writer and sequence
 * number that made it, and its length and every later byte follow from those two numbers. A
 * reader can therefore tell a whole value from a torn one (a prefix, or a mix of two writes)
 * without knowing which write it raced with.
 */
final class Versions {

    static final int HEADER = 8;
    static final int MIN_LENGTH = 1024;

    private Versions() {}

    static byte[] of(int writer, int seq) {
        int length = MIN_LENGTH + Math.floorMod(writer * 31 + seq * 17, 16) * 1024;
        byte[] value = new byte[length];
        ByteBuffer.wrap(value).putInt(writer).putInt(seq);
        for (int i = HEADER; i < length; i++) {
            value[i] = (byte) (writer * 7 + seq * 13 + i);
        }
        return value;
    }

    /** Whether {@code value} is exactly one value that {@link #of} makes. */
    static boolean isWhole(byte[] value) {
        if (value.length < HEADER) {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(value);
        return Arrays.equals(value, of(header.getInt(), header.getInt()));
    }

    /** Whether {@code prefix} is the start of exactly one value that {@link #of} makes. */
    static boolean isPrefixOfWhole(byte[] prefix) {
        if (prefix.length < HEADER) {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(prefix);
        byte[] whole = of(header.getInt(), header.getInt());
        return prefix.length <= whole.length && Arrays.equals(prefix, 0, prefix.length, whole, 0, prefix.length);
    }

    static String describe(byte[] value) {
        if (value.length < HEADER) {
            return value.length + " bytes";
        }
        ByteBuffer header = ByteBuffer.wrap(value);
        return value.length + " bytes, header writer " + header.getInt() + " seq " + header.getInt();
    }
}
