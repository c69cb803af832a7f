package io.dittofs.runtime.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local tier's chunk cache: one file per chunk under {@code cache/<2 hex>/<id>}, least
 * recently used evicted past a size limit, and a small in-memory layer of recently read chunks.
 *
 * <p>Only chunks the remote already holds enter the cache (after their upload committed, or after
 * a fetch), so eviction never loses data. Files are written to a temporary name and renamed, not
 * fsynced: after a power loss a chunk file may be damaged, which is why a chunk read from disk is
 * verified against its name by the caller before it is used.
 *
 * <p>Threading: thread-safe; one lock guards the recency lists (reads and puts, not the write
 * path, take it).
 */
final class ChunkCache {
    private static final Logger log = LoggerFactory.getLogger(ChunkCache.class);

    private final Path dir;
    private final long diskLimit;
    private final long memoryLimit;
    private final AtomicLong evictions;
    private final Object lock = new Object();
    // Guarded by lock: id -> size, in access order.
    private final LinkedHashMap<String, Long> onDisk = new LinkedHashMap<>(1024, 0.75f, true);
    private final LinkedHashMap<String, ByteBuffer> inMemory = new LinkedHashMap<>(256, 0.75f, true);
    private long diskBytes;
    private long memoryBytes;

    /** @param evictions counts the chunks dropped to stay under {@code diskLimit} */
    ChunkCache(Path dir, long diskLimit, long memoryLimit, AtomicLong evictions) {
        this.dir = dir;
        this.evictions = evictions;
        this.diskLimit = diskLimit;
        this.memoryLimit = memoryLimit;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.walk(dir, 2)) {
                files.filter(Files::isRegularFile).forEach(p -> {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        deleteQuietly(p);
                    } else {
                        long size = p.toFile().length();
                        onDisk.put(name, size);
                        diskBytes += size;
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the chunk cache in " + dir, e);
        }
    }

    /** A read-only view of the cached chunk; {@code fromDisk} tells the caller to verify it. */
    record Hit(ByteBuffer data, boolean fromDisk) {}

    @Nullable
    Hit get(String id) {
        synchronized (lock) {
            ByteBuffer b = inMemory.get(id);
            if (b != null) {
                return new Hit(b.duplicate(), false);
            }
            if (onDisk.get(id) == null) {
                return null;
            }
        }
        try {
            byte[] bytes = Files.readAllBytes(path(id));
            return new Hit(ByteBuffer.wrap(bytes).asReadOnlyBuffer(), true);
        } catch (NoSuchFileException e) {
            forget(id);
            return null;
        } catch (IOException e) {
            log.warn("chunk cache: cannot read {}: {}", id, e.toString());
            return null;
        }
    }

    /** Keeps a verified chunk in memory for the next reads. */
    void remember(String id, ByteBuffer data) {
        synchronized (lock) {
            ByteBuffer previous = inMemory.put(id, data.asReadOnlyBuffer());
            if (previous == null) {
                memoryBytes += data.remaining();
            }
            for (Iterator<Map.Entry<String, ByteBuffer>> it =
                            inMemory.entrySet().iterator();
                    memoryBytes > memoryLimit && it.hasNext(); ) {
                memoryBytes -= it.next().getValue().remaining();
                it.remove();
            }
        }
    }

    /** Stores a chunk the remote holds. */
    void put(String id, ByteBuffer data) {
        synchronized (lock) {
            if (onDisk.containsKey(id)) {
                return;
            }
        }
        Path target = path(id);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(id + "." + Thread.currentThread().threadId() + ".tmp");
            try (var ch = java.nio.channels.FileChannel.open(
                    tmp,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = data.duplicate();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("chunk cache: cannot store {}: {}", id, e.toString());
            return;
        }
        synchronized (lock) {
            if (onDisk.put(id, (long) data.remaining()) == null) {
                diskBytes += data.remaining();
            }
            evictLocked();
        }
    }

    void remove(String id) {
        forget(id);
        deleteQuietly(path(id));
    }

    void clear() {
        List<String> ids;
        synchronized (lock) {
            ids = List.copyOf(onDisk.keySet());
            inMemory.clear();
            memoryBytes = 0;
        }
        ids.forEach(this::remove);
    }

    long diskBytes() {
        synchronized (lock) {
            return diskBytes;
        }
    }

    private void forget(String id) {
        synchronized (lock) {
            Long size = onDisk.remove(id);
            if (size != null) {
                diskBytes -= size;
            }
            ByteBuffer b = inMemory.remove(id);
            if (b != null) {
                memoryBytes -= b.remaining();
            }
        }
    }

    private void evictLocked() {
        for (Iterator<Map.Entry<String, Long>> it = onDisk.entrySet().iterator();
                diskBytes > diskLimit && it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            it.remove();
            diskBytes -= e.getValue();
            evictions.incrementAndGet();
            deleteQuietly(path(e.getKey()));
        }
    }

    private Path path(String id) {
        return dir.resolve(id.substring(0, 2)).resolve(id);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("chunk cache: cannot delete {}: {}", p, e.toString());
        }
    }
}
