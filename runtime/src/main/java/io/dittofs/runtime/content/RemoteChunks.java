package io.dittofs.runtime.content;

import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.pipeline.seal.FrameLocation;
import io.dittofs.store.block.pipeline.seal.SealingBlockStore;
import io.dittofs.store.metadata.ChunkRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syncer's side of the remote block store: uploads chunk objects with bounded concurrency,
 * retrying failures with exponential backoff (100 ms doubling to 5 s, with jitter) for up to
 * {@code retryFor}; past that the upload fails and the rollup that needed it is tried again later,
 * its data still safe in the write log.
 *
 * <p>Object keys are {@code <prefix>/c/<first 2 hex>/<chunk id>.<upload stamp>}: the stamp (time
 * and randomness) makes every upload a new object, so garbage collection deleting an old object
 * of a chunk can never remove one a concurrent rollup has just uploaded again. Packs of small
 * chunks ({@link #putPack}) are {@code <prefix>/p/<2 hex>/<upload stamp>}.
 *
 * <p>Threading: thread-safe.
 */
final class RemoteChunks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteChunks.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final BlockStore remote;
    private final String prefix;
    private final Semaphore slots;
    private final Duration retryFor;
    private final PipelineStats stats;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    /** One object to upload. */
    record Upload(String objectKey, ByteBuffer data) {}

    RemoteChunks(BlockStore remote, String prefix, int concurrency, Duration retryFor, PipelineStats stats) {
        this.remote = remote;
        this.stats = stats;
        this.prefix = prefix;
        this.slots = new Semaphore(concurrency);
        this.retryFor = retryFor;
    }

    BlockStore store() {
        return remote;
    }

    /** The key prefix of this share's chunk objects. */
    String chunkPrefix() {
        return prefix + "/c/";
    }

    String newObjectKey(String chunkId) {
        long rnd = ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL;
        return chunkPrefix() + chunkId.substring(0, 2) + "/" + chunkId + "."
                + Long.toHexString(System.currentTimeMillis()) + HexFormat.of().toHexDigits((int) rnd);
    }

    /** The chunk id an object key names, or null when the key is not a chunk object's. */
    static @org.jspecify.annotations.Nullable String chunkIdOf(String objectKey) {
        int slash = objectKey.lastIndexOf('/');
        int dot = objectKey.indexOf('.', slash + 1);
        return slash < 0 || dot < 0 ? null : objectKey.substring(slash + 1, dot);
    }

    /** Uploads every object, several at once; throws when one cannot be uploaded in time. */
    void putAll(List<Upload> uploads) {
        List<Future<?>> running = new ArrayList<>(uploads.size());
        for (Upload u : uploads) {
            running.add(workers.submit(() -> {
                slots.acquireUninterruptibly();
                try {
                    putWithRetry(u);
                } finally {
                    slots.release();
                }
                return null;
            }));
        }
        RuntimeException failure = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while uploading", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void putWithRetry(Upload u) throws InterruptedException {
        withRetry(u.objectKey(), () -> {
            remote.put(u.objectKey(), u.data());
            return null;
        });
    }

    /** Where one chunk of a pack landed: its stored bytes in the object, and its sealed frame's CRC (0 unsealed). */
    record Placement(long offset, int storedLength, int frameCrc) {}

    /**
     * The key of a new pack object, {@code <prefix>/p/<2 hex>/<upload stamp>}: never the same
     * twice, and spread over 256 folders like chunk objects.
     */
    String newPackKey() {
        long rnd = ThreadLocalRandom.current().nextLong();
        String stamp =
                Long.toHexString(System.currentTimeMillis()) + HexFormat.of().toHexDigits(rnd);
        return packPrefix() + stamp.substring(stamp.length() - 2) + "/" + stamp;
    }

    /** The key prefix of this share's pack objects. */
    String packPrefix() {
        return prefix + "/p/";
    }

    /**
     * Uploads the concatenation of {@code chunks} as one object, retried like {@link #putAll}.
     * Through a sealing remote each chunk is its own sealed frame, so a chunk can later be read
     * and opened alone; otherwise the chunks are stored as they are, back to back.
     */
    List<Placement> putPack(String key, List<ByteBuffer> chunks) {
        try {
            return withRetry(key, () -> {
                if (remote instanceof SealingBlockStore sealed) {
                    return sealed.putFrames(key, chunks).stream()
                            .map(f -> new Placement(f.storedOffset(), f.storedLength(), f.crc32c()))
                            .toList();
                }
                int total = chunks.stream().mapToInt(ByteBuffer::remaining).sum();
                ByteBuffer all = ByteBuffer.allocate(total);
                List<Placement> out = new ArrayList<>(chunks.size());
                for (ByteBuffer c : chunks) {
                    out.add(new Placement(all.position(), c.remaining(), 0));
                    all.put(c.duplicate());
                }
                remote.put(key, all.flip());
                return out;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading", e);
        }
    }

    /**
     * The stored bytes of a chunk (unverified: the caller checks its name), or empty when its
     * object is gone. A packed chunk is one ranged read of its own bytes, never the whole pack.
     */
    Optional<ByteBuffer> read(ChunkRecord c) {
        if (!c.packed()) {
            return remote.get(c.objectKey());
        }
        if (remote instanceof SealingBlockStore sealed) {
            return sealed.readFrame(
                    c.objectKey(),
                    new FrameLocation(0, 0, c.length(), c.objectOffset(), c.storedLength(), c.frameCrc()));
        }
        return remote.get(c.objectKey(), c.objectOffset(), c.storedLength());
    }

    private <T> T withRetry(String key, Supplier<T> op) throws InterruptedException {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return op.get();
            } catch (RuntimeException e) {
                if (e instanceof BlockStoreException b && b.kind() == BlockStoreException.Kind.INVALID_KEY) {
                    stats.uploadFailures.incrementAndGet();
                    throw e;
                }
                if (System.nanoTime() + backoff * 1_000_000 > deadline) {
                    stats.uploadFailures.incrementAndGet();
                    throw e;
                }
                stats.uploadRetries.incrementAndGet();
                if (attempt == 1 || attempt % 10 == 0) {
                    log.info("upload of {} failed (attempt {}), retrying: {}", key, attempt, e.toString());
                }
                Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    Optional<ByteBuffer> get(String objectKey) {
        return remote.get(objectKey);
    }

    /** Deletes an object, logging instead of failing: a left-over object is only space. */
    void deleteQuietly(String objectKey) {
        try {
            remote.delete(objectKey);
        } catch (RuntimeException e) {
            log.warn(
                    "cannot delete remote object {} (it stays until fsck or gc removes it): {}",
                    objectKey,
                    e.toString());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
