package io.dittofs.store.block.pipeline.seal;

import io.dittofs.store.block.BlockInfo;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.block.KeyPage;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** A real store that counts the ranged reads made of it and the bytes they return. */
final class CountingStore implements BlockStore {
    final AtomicInteger rangedGets = new AtomicInteger();
    final AtomicLong bytesFetched = new AtomicLong();
    private final BlockStore inner;

    CountingStore(BlockStore inner) {
        this.inner = inner;
    }

    @Override
    public void put(String key, ByteBuffer data) {
        inner.put(key, data);
    }

    @Override
    public Optional<ByteBuffer> get(String key) {
        Optional<ByteBuffer> b = inner.get(key);
        b.ifPresent(x -> bytesFetched.addAndGet(x.remaining()));
        return b;
    }

    @Override
    public Optional<ByteBuffer> get(String key, long offset, int length) {
        rangedGets.incrementAndGet();
        Optional<ByteBuffer> b = inner.get(key, offset, length);
        b.ifPresent(x -> bytesFetched.addAndGet(x.remaining()));
        return b;
    }

    @Override
    public Optional<BlockInfo> stat(String key) {
        return inner.stat(key);
    }

    @Override
    public boolean delete(String key) {
        return inner.delete(key);
    }

    @Override
    public KeyPage list(String prefix, @Nullable String startAfter, int limit) {
        return inner.list(prefix, startAfter, limit);
    }

    @Override
    public Capacity capacity() {
        return inner.capacity();
    }

    @Override
    public void close() {
        inner.close();
    }
}
