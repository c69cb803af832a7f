package io.dittofs.runtime.content;

import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
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
 * of a chunk can never remove one a concurrent rollup has just uploaded again.
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
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                remote.put(u.objectKey(), u.data());
                return;
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
                    log.info("upload of {} failed (attempt {}), retrying: {}", u.objectKey(), attempt, e.toString());
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
