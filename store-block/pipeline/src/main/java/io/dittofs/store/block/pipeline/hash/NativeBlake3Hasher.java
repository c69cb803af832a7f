package io.dittofs.store.block.pipeline.hash;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * BLAKE3 through the official C implementation (SSE2/SSE4.1/AVX2/AVX-512 picked at run time),
 * called with the FFM API: one downcall per chunk, heap or direct buffers passed in place.
 * Several GB/s per core. Obtain one with {@link #create} or through {@link Blake3Hashers}.
 */
public final class NativeBlake3Hasher implements ChunkHasher {
    private final MethodHandle hash;
    private final MemorySegment key;

    private NativeBlake3Hasher(MethodHandle hash, byte @Nullable [] key) {
        this.hash = hash;
        this.key = key == null ? MemorySegment.NULL : MemorySegment.ofArray(key);
    }

    /**
     * A native hasher, keyed when {@code key} (32 bytes) is given.
     *
     * @throws IllegalStateException when the native library is not available ({@link
     *     NativeBlake3#unavailableReason()} says why)
     */
    public static NativeBlake3Hasher create(byte @Nullable [] key) {
        byte[] copy = Blake3Key.copyOf(key);
        MethodHandle handle = NativeBlake3.handle()
                .orElseThrow(() -> new IllegalStateException(
                        NativeBlake3.unavailableReason().orElse("native BLAKE3 unavailable")));
        return new NativeBlake3Hasher(handle, copy);
    }

    @Override
    public String name() {
        return "blake3-native";
    }

    @Override
    public ChunkHash hash(ByteBuffer data) {
        MemorySegment in = MemorySegment.ofBuffer(data);
        byte[] out = new byte[ChunkHash.LENGTH];
        try {
            hash.invokeExact(key, in, in.byteSize(), MemorySegment.ofArray(out));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native BLAKE3 call failed", t);
        }
        return ChunkHash.wrap(out);
    }
}
