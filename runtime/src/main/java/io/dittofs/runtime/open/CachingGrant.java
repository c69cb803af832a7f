package io.dittofs.runtime.open;

import io.dittofs.runtime.lock.FileKey;
import java.util.concurrent.CompletableFuture;

/**
 * Caching granted to one holder on one file. While a break is outstanding, {@link #level()} is
 * still what the holder may assume it has and {@link #breakingTo()} what it must come down to.
 */
public final class CachingGrant {
    private final FileKey file;
    private final String holder;
    private final BreakListener listener;
    // Guarded by the table's per-file lock.
    private int level;
    private int breakingTo = -1;
    private CompletableFuture<Void> broken = CompletableFuture.completedFuture(null);

    CachingGrant(FileKey file, String holder, int level, BreakListener listener) {
        this.file = file;
        this.holder = holder;
        this.level = level;
        this.listener = listener;
    }

    public FileKey file() {
        return file;
    }

    public String holder() {
        return holder;
    }

    public synchronized int level() {
        return level;
    }

    /** The level an outstanding break asks for, or -1 when none is outstanding. */
    public synchronized int breakingTo() {
        return breakingTo;
    }

    BreakListener listener() {
        return listener;
    }

    /** Starts a break to {@code target}; returns false when one to that level or lower runs. */
    synchronized boolean startBreak(int target) {
        if (breakingTo >= 0 && (breakingTo & ~target) == 0) {
            return false;
        }
        breakingTo = breakingTo >= 0 ? breakingTo & target : target;
        if (broken.isDone()) {
            broken = new CompletableFuture<>();
        }
        return true;
    }

    synchronized CompletableFuture<Void> broken() {
        return broken;
    }

    /** The holder now has {@code newLevel}; completes the break once it is low enough. */
    synchronized void settle(int newLevel) {
        level = newLevel & level;
        if (breakingTo >= 0 && (level & ~breakingTo) == 0) {
            breakingTo = -1;
            broken.complete(null);
        }
    }

    synchronized void released() {
        level = Caching.NONE;
        breakingTo = -1;
        broken.complete(null);
    }

    @Override
    public synchronized String toString() {
        return "CachingGrant[" + file + ", " + holder + ", level=" + level + ", breakingTo=" + breakingTo + "]";
    }
}
