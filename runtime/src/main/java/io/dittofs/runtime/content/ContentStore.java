package io.dittofs.runtime.content;

import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.Capacity;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File content as fixed-size blocks in a {@link BlockStore}, keyed
 * {@code <prefix>/<fileId>.<generation>/<blockIndex>} (hex). Missing blocks and bytes past a
 * block's stored length read as zeros, so files are sparse.
 *
 * <p>Writes land in a write-back cache of whole blocks ("dirty" blocks) and are acknowledged from
 * memory; {@link #flush} puts a file's dirty blocks to the block store, which is durable when
 * put returns. That is what NFS UNSTABLE + COMMIT promise: unflushed data may be lost in a
 * crash, and the changed write verifier tells clients to resend it. The cache is bounded: a
 * writer that pushes it past {@link ContentSettings#dirtyLimitBytes} flushes before returning,
 * and a background task flushes data older than {@link ContentSettings#flushAfter}.
 *
 * <p>Threading: one lock per file with dirty data; files never contend with each other. Reads
 * of files without dirty data take no lock.
 *
 * <p>This is the foundation's simple content layer; the block pipeline (write log, chunking,
 * dedup) replaces it.
 */
public final class ContentStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContentStore.class);

    private final BlockStore blocks;
    private final String prefix;
    private final ContentSettings settings;
    private final int blockSize;
    private final Map<ContentKey, DirtyFile> dirty = new ConcurrentHashMap<>();
    private final AtomicLong dirtyBytes = new AtomicLong();
    private final ScheduledExecutorService flusher;

    /**
     * @param prefix the first key segment of this share's blocks, so shares can share a store
     */
    public ContentStore(BlockStore blocks, String prefix, ContentSettings settings) {
        this.blocks = blocks;
        this.prefix = prefix;
        this.settings = settings;
        this.blockSize = settings.blockSize();
        this.flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("content-flusher-" + prefix).factory());
        long period = Math.max(100, settings.flushAfter().toMillis() / 2);
        flusher.scheduleWithFixedDelay(this::flushOld, period, period, TimeUnit.MILLISECONDS);
    }

    public int blockSize() {
        return blockSize;
    }

    /** Bytes of storage a file of {@code size} bytes occupies at most. */
    public long usedBytes(long size) {
        return (size + blockSize - 1) / blockSize * blockSize;
    }

    /** Space of the underlying block store. */
    public Capacity capacity() {
        return blocks.capacity();
    }

    /** Bytes waiting in memory for a flush, across all files. */
    public long dirtyBytes() {
        return dirtyBytes.get();
    }

    /**
     * Reads {@code min(count, fileSize - offset)} bytes at {@code offset} of a file whose size is
     * {@code fileSize}; an empty buffer at or past the end. The buffer may be read-only (it can be
     * the block store's own).
     */
    public ByteBuffer read(ContentKey key, long fileSize, long offset, int count) {
        int n = (int) Math.max(0, Math.min(count, fileSize - offset));
        if (n == 0) {
            return ByteBuffer.allocate(0);
        }
        DirtyFile df = dirty.get(key);
        if (df == null) {
            ByteBuffer whole = readWithinOneStoredBlock(key, offset, n);
            if (whole != null) {
                return whole;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        if (df == null) {
            readStored(key, offset, out);
        } else {
            df.lock.lock();
            try {
                readThrough(key, df.retired ? null : df, offset, out);
            } finally {
                df.lock.unlock();
            }
        }
        return out.flip();
    }

    /** Writes {@code data} (position to limit, not consumed) at {@code offset} into the cache. */
    public void write(ContentKey key, long offset, ByteBuffer data) {
        int len = data.remaining();
        if (len == 0) {
            return;
        }
        withDirtyFile(key, df -> {
            int src = data.position();
            long pos = offset;
            while (pos < offset + len) {
                long index = pos / blockSize;
                int inBlock = (int) (pos % blockSize);
                int chunk = (int) Math.min(blockSize - inBlock, offset + len - pos);
                Block b = df.blocks.get(index);
                if (b == null) {
                    b = inBlock == 0 && chunk == blockSize ? new Block(new byte[blockSize], 0) : load(key, index);
                    df.blocks.put(index, b);
                    dirtyBytes.addAndGet(blockSize);
                    if (df.since == 0) {
                        df.since = System.nanoTime();
                    }
                }
                data.get(src, b.data, inBlock, chunk);
                b.length = Math.max(b.length, inBlock + chunk);
                src += chunk;
                pos += chunk;
            }
            return null;
        });
        if (dirtyBytes.get() > settings.dirtyLimitBytes()) {
            relievePressure(key);
        }
    }

    /** Makes every write to the file durable. */
    public void flush(ContentKey key) {
        DirtyFile df = dirty.get(key);
        if (df == null) {
            return;
        }
        df.lock.lock();
        try {
            if (!df.retired) {
                flushLocked(key, df);
            }
        } finally {
            df.lock.unlock();
        }
    }

    /**
     * Changes the content's length from {@code oldSize} to {@code newSize}. Shrinking removes the
     * blocks past the end and durably trims the last one, so growing the file again later shows
     * zeros, never old bytes.
     */
    public void truncate(ContentKey key, long oldSize, long newSize) {
        if (newSize >= oldSize) {
            return; // growing leaves a hole: blocks past the old end read as zeros already
        }
        withDirtyFile(key, df -> {
            long firstWhole = (newSize + blockSize - 1) / blockSize;
            long lastOld = oldSize == 0 ? -1 : (oldSize - 1) / blockSize;
            for (long i = firstWhole; i <= lastOld; i++) {
                dropDirty(df, i);
                deleteBlock(key, i);
            }
            int tail = (int) (newSize % blockSize);
            if (tail != 0) {
                long index = newSize / blockSize;
                Block b = df.blocks.get(index);
                if (b == null) {
                    b = load(key, index);
                    df.blocks.put(index, b);
                    dirtyBytes.addAndGet(blockSize);
                }
                if (b.length > tail) {
                    java.util.Arrays.fill(b.data, tail, b.length, (byte) 0);
                    b.length = tail;
                }
                putBlock(key, index, b);
                dropDirty(df, index);
            }
            return null;
        });
    }

    /** Removes all content of a file whose size was {@code size}. */
    public void delete(ContentKey key, long size) {
        DirtyFile df = dirty.remove(key);
        if (df != null) {
            df.lock.lock();
            try {
                df.retired = true;
                dirtyBytes.addAndGet(-(long) df.blocks.size() * blockSize);
                df.blocks.clear();
            } finally {
                df.lock.unlock();
            }
        }
        long last = size == 0 ? -1 : (size - 1) / blockSize;
        for (long i = 0; i <= last; i++) {
            deleteBlock(key, i);
        }
    }

    /** Flushes everything and stops the background flusher. */
    @Override
    public void close() {
        flusher.shutdownNow();
        flushAll();
    }

    /** Flushes every file with dirty data. */
    public void flushAll() {
        for (ContentKey key : List.copyOf(dirty.keySet())) {
            flush(key);
        }
    }

    private void flushOld() {
        long cutoff = System.nanoTime() - settings.flushAfter().toNanos();
        for (Map.Entry<ContentKey, DirtyFile> e : List.copyOf(dirty.entrySet())) {
            long since = e.getValue().since;
            if (since != 0 && since - cutoff < 0) {
                try {
                    flush(e.getKey());
                } catch (RuntimeException ex) {
                    log.warn("background flush of {} failed; it stays in memory: {}", e.getKey(), ex.toString());
                }
            }
        }
    }

    private void relievePressure(ContentKey writer) {
        flush(writer);
        Iterator<ContentKey> others = List.copyOf(dirty.keySet()).iterator();
        while (dirtyBytes.get() > settings.dirtyLimitBytes() && others.hasNext()) {
            flush(others.next());
        }
    }

    private interface DirtyWork<T> {
        T run(DirtyFile df);
    }

    private <T> T withDirtyFile(ContentKey key, DirtyWork<T> work) {
        while (true) {
            DirtyFile df = dirty.computeIfAbsent(key, k -> new DirtyFile());
            df.lock.lock();
            try {
                if (df.retired) {
                    continue; // flushed empty and removed meanwhile: start over with a new one
                }
                try {
                    return work.run(df);
                } finally {
                    if (df.blocks.isEmpty()) {
                        retire(key, df);
                    }
                }
            } finally {
                df.lock.unlock();
            }
        }
    }

    private void retire(ContentKey key, DirtyFile df) {
        df.retired = true;
        dirty.remove(key, df);
    }

    private void flushLocked(ContentKey key, DirtyFile df) {
        for (Iterator<Map.Entry<Long, Block>> it = df.blocks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Block> e = it.next();
            putBlock(key, e.getKey(), e.getValue());
            it.remove();
            dirtyBytes.addAndGet(-blockSize);
        }
        df.since = 0;
        retire(key, df);
    }

    private void dropDirty(DirtyFile df, long index) {
        if (df.blocks.remove(index) != null) {
            dirtyBytes.addAndGet(-blockSize);
        }
    }

    private void readThrough(ContentKey key, DirtyFile df, long offset, ByteBuffer out) {
        if (df == null) {
            readStored(key, offset, out);
            return;
        }
        long pos = offset;
        while (out.hasRemaining()) {
            long index = pos / blockSize;
            int inBlock = (int) (pos % blockSize);
            int chunk = Math.min(blockSize - inBlock, out.remaining());
            Block b = df.blocks.get(index);
            if (b != null) {
                int valid = Math.max(0, Math.min(chunk, b.length - inBlock));
                out.put(b.data, inBlock, valid);
                zeros(out, chunk - valid);
            } else {
                readStoredBlock(key, index, inBlock, chunk, out);
            }
            pos += chunk;
        }
    }

    /**
     * The common read: clean data inside one block. The block store's buffer is handed out as it
     * is, without a second copy; null when the range spans blocks or the stored block is short
     * (a hole or a tail that must read as zeros), which the general path handles.
     */
    private @Nullable ByteBuffer readWithinOneStoredBlock(ContentKey key, long offset, int n) {
        int inBlock = (int) (offset % blockSize);
        if (inBlock + n > blockSize) {
            return null;
        }
        String k = blockKey(key, offset / blockSize);
        try {
            Optional<ByteBuffer> got = blocks.get(k, inBlock, n);
            return got.isPresent() && got.get().remaining() == n ? got.get() : null;
        } catch (BlockStoreException e) {
            throw StoreErrors.map(e, "read " + k);
        }
    }

    private void readStored(ContentKey key, long offset, ByteBuffer out) {
        long pos = offset;
        while (out.hasRemaining()) {
            long index = pos / blockSize;
            int inBlock = (int) (pos % blockSize);
            int chunk = Math.min(blockSize - inBlock, out.remaining());
            readStoredBlock(key, index, inBlock, chunk, out);
            pos += chunk;
        }
    }

    private void readStoredBlock(ContentKey key, long index, int inBlock, int chunk, ByteBuffer out) {
        Optional<ByteBuffer> got;
        try {
            got = blocks.get(blockKey(key, index), inBlock, chunk);
        } catch (BlockStoreException e) {
            throw StoreErrors.map(e, "read " + blockKey(key, index));
        }
        int valid = 0;
        if (got.isPresent()) {
            ByteBuffer b = got.get();
            valid = Math.min(chunk, b.remaining());
            out.put(out.position(), b, b.position(), valid);
            out.position(out.position() + valid);
        }
        zeros(out, chunk - valid);
    }

    /** Skips {@code n} bytes of {@code out}, which is freshly allocated and so already zeros. */
    private static void zeros(ByteBuffer out, int n) {
        out.position(out.position() + n);
    }

    private Block load(ContentKey key, long index) {
        byte[] data = new byte[blockSize];
        try {
            Optional<ByteBuffer> got = blocks.get(blockKey(key, index));
            if (got.isEmpty()) {
                return new Block(data, 0);
            }
            ByteBuffer b = got.get();
            int n = Math.min(blockSize, b.remaining());
            b.get(data, 0, n);
            return new Block(data, n);
        } catch (BlockStoreException e) {
            throw StoreErrors.map(e, "load " + blockKey(key, index));
        }
    }

    private void putBlock(ContentKey key, long index, Block b) {
        try {
            blocks.put(blockKey(key, index), ByteBuffer.wrap(b.data, 0, b.length));
        } catch (BlockStoreException e) {
            throw StoreErrors.map(e, "write " + blockKey(key, index));
        }
    }

    private void deleteBlock(ContentKey key, long index) {
        try {
            blocks.delete(blockKey(key, index));
        } catch (BlockStoreException e) {
            throw StoreErrors.map(e, "delete " + blockKey(key, index));
        }
    }

    String blockKey(ContentKey key, long index) {
        return prefix + "/" + Long.toHexString(key.fileId()) + "." + Integer.toHexString(key.generation()) + "/"
                + Long.toHexString(index);
    }

    /** A cached block: {@code length} valid bytes of {@code data}, zeros after. */
    private static final class Block {
        final byte[] data;
        int length;

        Block(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }
    }

    /** The dirty blocks of one file. Guarded by {@link #lock}. */
    private static final class DirtyFile {
        final ReentrantLock lock = new ReentrantLock();
        final NavigableMap<Long, Block> blocks = new TreeMap<>();
        /** When the oldest unflushed write happened ({@link System#nanoTime}), 0 when none. */
        volatile long since;

        boolean retired;
    }
}
