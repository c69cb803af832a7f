package io.dittofs.smb.transport;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server-wide bound on frames being served, and the count a graceful stop waits on.
 *
 * <p>Threading: thread-safe; {@link #enter} blocks the calling virtual thread while saturated.
 */
public final class InFlight {
    private final Semaphore permits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int count;

    public InFlight(int max) {
        permits = new Semaphore(max);
    }

    /** Counts a frame as accepted (on the event loop, before its work is scheduled). */
    public void accepted() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a permit to serve an accepted frame. */
    public void enter() {
        permits.acquireUninterruptibly();
    }

    /** Releases the permit and the count of a served frame. */
    public void exit(boolean entered) {
        if (entered) {
            permits.release();
        }
        lock.lock();
        try {
            if (--count == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code grace} for every accepted frame to be served; returns whether they were. */
    public boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !idle.await(left, TimeUnit.NANOSECONDS)) {
                    return count == 0;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
