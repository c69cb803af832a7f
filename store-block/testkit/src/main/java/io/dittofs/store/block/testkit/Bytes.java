package io.dittofs.store.block.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/** Test data and byte comparisons that print an index, not megabytes, when they fail. */
final class Bytes {

    private Bytes() {}

    /** {@code size} bytes of a pattern that differs per {@code seed} and does not repeat every 256. */
    static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed * 31 + i + (i >>> 8) * 7);
        }
        return bytes;
    }

    /** The bytes between the buffer's position and limit, without moving its position. */
    static byte[] contentOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    /** The content of a buffer that must be present. */
    static byte[] contentOf(Optional<ByteBuffer> buffer) {
        assertThat(buffer).as("object").isPresent();
        return contentOf(buffer.orElseThrow());
    }

    static void assertSameBytes(byte[] actual, byte[] expected) {
        assertThat(actual.length).as("length").isEqualTo(expected.length);
        assertThat(Arrays.mismatch(actual, expected))
                .as("index of first differing byte")
                .isEqualTo(-1);
    }
}
