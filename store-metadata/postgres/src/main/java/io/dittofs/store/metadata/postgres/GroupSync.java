package io.dittofs.store.metadata.postgres;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shares one durable "flush" between concurrent {@link PostgresMetadataStore#sync()} callers.
 * Each completed DEFERRED write transaction takes a ticket; a caller that needs everything up to a ticket
 * durable leads a flush when none runs (noting the newest ticket first) or waits for the running
 * one, and leads the next when that did not cover it.
 *
 * <p>Threading: thread-safe.
 */
final class GroupSync {

    @FunctionalInterface
    interface Flush {
        void run();
    }

    private final Flush flush;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();

    // Guarded by lock.
    private long lastTicket;
    private long durableTicket;
    private boolean flushing;
    private long flushes;

    GroupSync(Flush flush) {
        this.flush = flush;
    }

    /** Records a completed write transaction; returns its ticket. */
    long committed() {
        lock.lock();
        try {
            return ++lastTicket;
        } finally {
            lock.unlock();
        }
    }

    long lastTicket() {
        lock.lock();
        try {
            return lastTicket;
        } finally {
            lock.unlock();
        }
    }

    long flushes() {
        lock.lock();
        try {
            return flushes;
        } finally {
            lock.unlock();
        }
    }

    void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durableTicket < ticket) {
                if (flushing) {
                    done.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                long target = lastTicket;
                boolean ok = false;
                lock.unlock();
                try {
                    flush.run();
                    ok = true;
                } finally {
                    lock.lock();
                    flushing = false;
                    if (ok) {
                        flushes++;
                        durableTicket = Math.max(durableTicket, target);
                    }
                    done.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
