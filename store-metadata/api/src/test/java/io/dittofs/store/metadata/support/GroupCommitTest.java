package io.dittofs.store.metadata.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void nothingCommittedNeedsNoSync() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit sync = new GroupCommit(calls::incrementAndGet);
        sync.awaitDurable(sync.lastTicket());
        assertThat(calls).hasValue(0);
    }

    @Test
    void oneCommitterSyncsOncePerCommit() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit sync = new GroupCommit(calls::incrementAndGet);
        for (int i = 0; i < 3; i++) {
            sync.awaitDurable(sync.committed());
        }
        assertThat(calls).hasValue(3);
        sync.awaitDurable(sync.lastTicket());
        assertThat(calls).as("already durable").hasValue(3);
    }

    @Test
    void concurrentCommittersShareSlowSyncs() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit sync = new GroupCommit(() -> {
            calls.incrementAndGet();
            LockSupport.parkNanos(2_000_000); // a disk's fsync
        });
        int threads = 16;
        int perThread = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < perThread; i++) {
                    sync.awaitDurable(sync.committed());
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(sync.commits()).isEqualTo(threads * perThread);
        assertThat(sync.flushes()).isEqualTo(calls.get()).isLessThan(threads * perThread / 4);
    }

    @Test
    void aFailedFlushFailsItsLeaderAndTheNextCallerFlushesAgain() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit sync = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk gone");
            }
        });
        long ticket = sync.committed();
        assertThatThrownBy(() -> sync.awaitDurable(ticket)).hasMessage("disk gone");
        assertThat(sync.flushes()).isZero();
        sync.awaitDurable(ticket);
        assertThat(sync.flushes()).isEqualTo(1);
    }
}
