package io.dittofs.store.block.pipeline.hash;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte BLAKE3 hash naming one chunk. Immutable; compares by value. */
public final class ChunkHash implements Comparable<ChunkHash> {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private ChunkHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A hash from its 32 bytes (copied). */
    public static ChunkHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a chunk hash is " + LENGTH + " bytes, not " + bytes.length);
        }
        return new ChunkHash(bytes.clone());
    }

    /** A hash from 64 hex digits. */
    public static ChunkHash ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** Takes ownership of {@code bytes} without copying; for hashers that made the array. */
    static ChunkHash wrap(byte[] bytes) {
        return new ChunkHash(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, as {@code b3sum} prints it; also the form used in block keys. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(ChunkHash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
