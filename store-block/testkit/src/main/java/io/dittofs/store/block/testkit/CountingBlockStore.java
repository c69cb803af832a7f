package io.dittofs.store.block.testkit;

import io.dittofs.store.block.BlockInfo;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.block.KeyPage;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Counts what passes through to a real store: puts and their bytes, whole and ranged reads and
 * the bytes they return. For tests and measurements of how many requests and bytes a layer above
 * costs (bytes fetched per byte read, one GET per chunk). Thread-safe when the store is.
 */
public final class CountingBlockStore implements BlockStore {
    public final AtomicInteger puts = new AtomicInteger();
    public final AtomicLong bytesPut = new AtomicLong();
    public final AtomicInteger gets = new AtomicInteger();
    public final AtomicInteger rangedGets = new AtomicInteger();
    public final AtomicLong bytesFetched = new AtomicLong();
    private final BlockStore inner;

    public CountingBlockStore(BlockStore inner) {
        this.inner = inner;
    }

    @Override
    public void put(String key, ByteBuffer data) {
        puts.incrementAndGet();
        bytesPut.addAndGet(data.remaining());
        inner.put(key, data);
    }

    @Override
    public Optional<ByteBuffer> get(String key) {
        gets.incrementAndGet();
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
