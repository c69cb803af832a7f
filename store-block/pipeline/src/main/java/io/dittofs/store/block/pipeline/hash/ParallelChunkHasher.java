package io.dittofs.store.block.pipeline.hash;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes a batch of chunks on several cores: the calling thread and {@code parallelism - 1}
 * platform worker threads take chunks one by one from a shared counter, so uneven chunk sizes
 * balance out. Platform threads, not virtual ones: the work is CPU-bound and the native hasher's
 * downcalls would pin a virtual thread's carrier anyway.
 *
 * <p>Threading: {@link #hashAll} may be called from many threads at once; they share the
 * workers. {@link #close} stops the workers.
 */
public final class ParallelChunkHasher implements AutoCloseable {
    private final ChunkHasher hasher;
    private final int parallelism;
    private final ExecutorService workers;

    /** @param parallelism how many threads hash one batch, the caller's included; at least 1 */
    public ParallelChunkHasher(ChunkHasher hasher, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.hasher = hasher;
        this.parallelism = parallelism;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, parallelism - 1), r -> {
            Thread t = new Thread(r, "dittofs-chunk-hash-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The hashes of {@code chunks}, in the same order. Buffers are left as they were. */
    public List<ChunkHash> hashAll(List<ByteBuffer> chunks) {
        int count = chunks.size();
        ChunkHash[] out = new ChunkHash[count];
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                out[i] = hasher.hash(chunks.get(i));
            }
        };
        int helpers = Math.min(parallelism - 1, count - 1);
        List<Future<?>> futures = new ArrayList<>(Math.max(0, helpers));
        for (int i = 0; i < helpers; i++) {
            futures.add(workers.submit(drain));
        }
        drain.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing chunks", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing a chunk failed", e.getCause());
            }
        }
        return List.of(out);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
