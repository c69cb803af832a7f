package io.dittofs.store.metadata.support;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: concurrent committers share one flush (a WAL fsync, a synchronous database
 * commit).
 *
 * <p>Every commit takes a ticket, in commit order, once its changes are written ({@link
 * #committed}). A committer that needs durability calls {@link #awaitDurable} with its ticket: if
 * no flush is running it becomes the leader, notes the newest ticket, flushes once (which covers
 * every commit written before the flush began) and marks everything up to that ticket durable;
 * otherwise it waits, and when the running flush did not cover it, one of the waiters leads the
 * next one. While a flush runs, commits pile up, so under load each flush covers many of them:
 * throughput grows with the number of committers instead of being one fsync per commit.
 *
 * <p>Threading: thread-safe. {@link #committed} must be called in commit order (a store calls it
 * under its writer lock, right after the write). A waiting follower parks; a leader whose flush
 * is a JNI call pins its carrier.
 */
public final class GroupCommit {

    /** The flush that makes every written commit durable; runs outside the lock. */
    @FunctionalInterface
    public interface Flush {
        void run();
    }

    private final Flush flush;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushDone = lock.newCondition();

    // Guarded by lock.
    private long lastTicket;
    private long durableTicket;
    private boolean flushing;
    private long flushes;

    public GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /** Records that a commit is written; returns its ticket. */
    public long committed() {
        lock.lock();
        try {
            return ++lastTicket;
        } finally {
            lock.unlock();
        }
    }

    /** The ticket of the newest written commit (0 when none). */
    public long lastTicket() {
        lock.lock();
        try {
            return lastTicket;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once every commit up to {@code ticket} is durable, leading a flush if none is running.
     * When this thread leads a flush and it fails, its exception propagates and the commits stay
     * undurable; the next caller tries again.
     */
    public void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durableTicket < ticket) {
                if (flushing) {
                    flushDone.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                long target = lastTicket;
                boolean flushed = false;
                lock.unlock();
                try {
                    flush.run();
                    flushed = true;
                } finally {
                    lock.lock();
                    flushing = false;
                    if (flushed) {
                        flushes++;
                        durableTicket = Math.max(durableTicket, target);
                    }
                    flushDone.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes done so far. */
    public long flushes() {
        lock.lock();
        try {
            return flushes;
        } finally {
            lock.unlock();
        }
    }

    /** Commits written so far. */
    public long commits() {
        lock.lock();
        try {
            return lastTicket;
        } finally {
            lock.unlock();
        }
    }
}
