package io.dittofs.store.block.memory;

import io.dittofs.store.block.BlockInfo;
import io.dittofs.store.block.BlockKey;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.block.KeyPage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BlockStore} in the heap. Nothing survives {@link #close()} or the process.
 *
 * <p>Threading: all state is one {@link ConcurrentSkipListMap} from key to a byte array that is
 * never written after it is stored. {@link #put} stores a fresh copy, so readers see the old
 * array or the new one whole, and buffers handed out by {@link #get} are read-only views of
 * arrays nobody changes. The map is sorted by {@link String#compareTo}, which for the ASCII
 * alphabet of {@link BlockKey} is the UTF-8 byte order that {@link #list} promises.
 */
public final class MemoryBlockStore implements BlockStore {

    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, ByteBuffer data) {
        BlockKey.requireValid(key);
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy); // absolute: the caller's position does not move
        objects.put(key, copy);
    }

    @Override
    public Optional<ByteBuffer> get(String key) {
        BlockKey.requireValid(key);
        byte[] bytes = objects.get(key);
        return bytes == null
                ? Optional.empty()
                : Optional.of(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
    }

    @Override
    public Optional<ByteBuffer> get(String key, long offset, int length) {
        BlockKey.requireValid(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range: offset " + offset + ", length " + length);
        }
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            return Optional.empty();
        }
        int start = (int) Math.min(offset, bytes.length);
        int count = Math.min(length, bytes.length - start);
        return Optional.of(ByteBuffer.wrap(bytes, start, count).slice().asReadOnlyBuffer());
    }

    @Override
    public Optional<BlockInfo> stat(String key) {
        BlockKey.requireValid(key);
        byte[] bytes = objects.get(key);
        return bytes == null ? Optional.empty() : Optional.of(new BlockInfo(key, bytes.length));
    }

    @Override
    public boolean delete(String key) {
        BlockKey.requireValid(key);
        return objects.remove(key) != null;
    }

    @Override
    public KeyPage list(String prefix, @Nullable String startAfter, int limit) {
        if (!BlockKey.isValidPrefix(prefix)) {
            throw new BlockStoreException(BlockStoreException.Kind.INVALID_KEY, "invalid key prefix: '" + prefix + "'");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        // Keys starting with prefix are one contiguous run that begins at prefix itself.
        NavigableSet<String> keys = objects.navigableKeySet();
        NavigableSet<String> tail = startAfter != null && startAfter.compareTo(prefix) >= 0
                ? keys.tailSet(startAfter, false)
                : keys.tailSet(prefix, true);
        List<String> page = new ArrayList<>();
        for (String key : tail) {
            if (!key.startsWith(prefix)) {
                break;
            }
            if (page.size() == limit) {
                return new KeyPage(page, true);
            }
            page.add(key);
        }
        return new KeyPage(page, false);
    }

    /** {@link Capacity#UNBOUNDED}: the heap limit is the JVM's business, not the file system's. */
    @Override
    public Capacity capacity() {
        return Capacity.UNBOUNDED;
    }

    /** Drops every object. */
    @Override
    public void close() {
        objects.clear();
    }
}
