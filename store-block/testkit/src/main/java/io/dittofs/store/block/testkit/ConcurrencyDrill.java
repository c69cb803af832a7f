package io.dittofs.store.block.testkit;

import static io.dittofs.store.block.testkit.Bytes.contentOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.store.block.BlockStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many threads on one store at once. Each thread runs a fixed script; problems are collected as
 * messages and asserted at the end, so a failure names what was seen rather than dying in a
 * worker thread.
 */
final class ConcurrencyDrill {

    private static final int THREADS = 8;
    private static final int OPS_PER_THREAD = 200;
    private static final int CHURN_ROUNDS = 100;
    private static final List<String> SHARED = List.of("shared/0", "shared/1", "shared/2");

    private final BlockStore store;
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    ConcurrencyDrill(BlockStore store) {
        this.store = store;
    }

    /**
     * Each thread writes its own keys and checks them, overwrites shared keys, and reads shared
     * keys whole and by range. Every read of a shared key must be exactly one value ever written.
     */
    void run() throws Exception {
        for (String key : SHARED) {
            store.put(key, ByteBuffer.wrap(Versions.of(THREADS, 0)));
        }
        runOnAllThreads(this::mixedScript);
        for (String key : SHARED) {
            checkWhole(key, store.get(key));
        }
        assertThat(problems).as("problems seen by the threads").isEmpty();
    }

    /**
     * Each thread puts, reads, and deletes its own key, over and over, in directories that all
     * threads share, so that a store that creates and removes directories races with itself.
     */
    void churn() throws Exception {
        runOnAllThreads(this::churnScript);
        assertThat(store.list("churn/", null, 100).keys())
                .as("keys left behind")
                .isEmpty();
        assertThat(problems).as("problems seen by the threads").isEmpty();
    }

    private void mixedScript(int thread) {
        Random random = new Random(thread);
        for (int op = 0; op < OPS_PER_THREAD; op++) {
            String shared = SHARED.get(random.nextInt(SHARED.size()));
            switch (op % 4) {
                case 0 -> {
                    String own = "own/t" + thread + "/k" + (op % 10);
                    byte[] value = Versions.of(thread, op);
                    store.put(own, ByteBuffer.wrap(value));
                    Optional<ByteBuffer> back = store.get(own);
                    if (back.isEmpty() || !Arrays.equals(contentOf(back.get()), value)) {
                        problems.add(own + ": did not read back what this thread just put");
                    }
                }
                case 1 -> store.put(shared, ByteBuffer.wrap(Versions.of(thread, op)));
                case 2 -> checkWhole(shared, store.get(shared));
                default -> checkRange(shared, store.get(shared, 0, 64));
            }
        }
    }

    private void churnScript(int thread) {
        String key = thread % 2 == 0 ? "churn/d/t" + thread : "churn/d/t" + thread + "/x";
        for (int round = 0; round < CHURN_ROUNDS; round++) {
            byte[] value = Versions.of(thread, round);
            store.put(key, ByteBuffer.wrap(value));
            Optional<ByteBuffer> back = store.get(key);
            if (back.isEmpty() || !Arrays.equals(contentOf(back.get()), value)) {
                problems.add(key + ": round " + round + " did not read back what was just put");
            }
            if (!store.delete(key)) {
                problems.add(key + ": round " + round + " delete found nothing");
            }
            if (store.get(key).isPresent()) {
                problems.add(key + ": round " + round + " still present after delete");
            }
        }
    }

    private void checkWhole(String key, Optional<ByteBuffer> read) {
        if (read.isEmpty()) {
            problems.add(key + ": missing");
            return;
        }
        byte[] value = contentOf(read.get());
        if (!Versions.isWhole(value)) {
            problems.add(key + ": torn value, " + Versions.describe(value));
        }
    }

    private void checkRange(String key, Optional<ByteBuffer> read) {
        if (read.isEmpty()) {
            problems.add(key + ": missing");
            return;
        }
        byte[] prefix = contentOf(read.get());
        if (prefix.length != 64 || !Versions.isPrefixOfWhole(prefix)) {
            problems.add(key + ": torn range, " + Versions.describe(prefix));
        }
    }

    private void runOnAllThreads(java.util.function.IntConsumer script) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    start.await();
                    script.accept(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS); // rethrows what a thread threw
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
