package io.dittofs.store.metadata.rocksdb;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: concurrent committers share one WAL sync.
 *
 * <p>Every commit takes a ticket, in WAL order, once its batch is in the WAL ({@link
 * #committed}). A committer that needs durability calls {@link #awaitDurable} with its ticket: if
 * no sync is running it becomes the leader, notes the newest ticket, syncs the WAL once (which
 * covers every batch written before the sync began) and marks everything up to that ticket
 * durable; otherwise it waits, and when the running sync did not cover it, one of the waiters
 * leads the next one. While a sync runs, commits pile up, so under load each sync covers many of
 * them: throughput grows with the number of committers instead of being one fsync per commit.
 *
 * <p>Threading: thread-safe. {@link #committed} must be called in WAL order (the store calls it
 * under its writer lock, right after the write). A waiting follower parks; the leader's sync is a
 * JNI call and pins its carrier.
 */
final class GroupSync {

    /** The WAL sync; runs outside the lock. */
    @FunctionalInterface
    interface WalSync {
        void sync();
    }

    private final WalSync wal;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition syncDone = lock.newCondition();

    // Guarded by lock.
    private long lastTicket;
    private long durableTicket;
    private boolean syncing;
    private long syncs;

    GroupSync(WalSync wal) {
        this.wal = wal;
    }

    /** Records that a batch is in the WAL; returns its ticket. */
    long committed() {
        lock.lock();
        try {
            return ++lastTicket;
        } finally {
            lock.unlock();
        }
    }

    /** The ticket of the newest batch in the WAL (0 when none). */
    long lastTicket() {
        lock.lock();
        try {
            return lastTicket;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once every batch up to {@code ticket} is durable, leading a sync if none is running.
     *
     * @throws RocksDbStoreException when this thread led a sync and it failed (the batches stay
     *     undurable; the next caller tries again)
     */
    void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durableTicket < ticket) {
                if (syncing) {
                    syncDone.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long target = lastTicket;
                boolean synced = false;
                lock.unlock();
                try {
                    wal.sync();
                    synced = true;
                } finally {
                    lock.lock();
                    syncing = false;
                    if (synced) {
                        syncs++;
                        durableTicket = Math.max(durableTicket, target);
                    }
                    syncDone.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** WAL syncs done so far. */
    long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }

    /** Batches written so far. */
    long commits() {
        lock.lock();
        try {
            return lastTicket;
        } finally {
            lock.unlock();
        }
    }
}
