package io.dittofs.store.block.pipeline.hash;

import org.jspecify.annotations.Nullable;

/** Checks of the optional 32-byte BLAKE3 key every hasher takes. */
final class Blake3Key {
    static final int LENGTH = 32;

    private Blake3Key() {}

    /** A private copy of {@code key}, or null for plain (unkeyed) hashing. */
    static byte @Nullable [] copyOf(byte @Nullable [] key) {
        if (key == null) {
            return null;
        }
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a BLAKE3 key is " + LENGTH + " bytes, not " + key.length);
        }
        return key.clone();
    }
}
