package io.dittofs.store.block.pipeline.hash;

import org.jspecify.annotations.Nullable;

/** Picks a BLAKE3 {@link ChunkHasher}: the native one when it loads, the pure-Java one otherwise. */
public final class Blake3Hashers {
    private Blake3Hashers() {}

    /** The fastest hasher available here, keyed when {@code key} (32 bytes) is given. */
    public static ChunkHasher fastest(byte @Nullable [] key) {
        return NativeBlake3.isAvailable() ? NativeBlake3Hasher.create(key) : new JavaBlake3Hasher(key);
    }

    /** The pure-Java hasher, keyed when {@code key} (32 bytes) is given. */
    public static ChunkHasher pureJava(byte @Nullable [] key) {
        return new JavaBlake3Hasher(key);
    }
}
