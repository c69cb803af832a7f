package io.dittofs.runtime.lock;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Byte-range locks of every share, shared by NLM, NFSv4 and SMB so that a lock taken over one
 * protocol holds against the others.
 *
 * <p>Semantics are POSIX (fcntl): an owner's locks never conflict with each other; a new lock of
 * an owner replaces that owner's locks where they overlap (upgrade or downgrade) and merges with
 * adjacent or overlapping locks of the same type; unlocking a range splits locks that cover more.
 *
 * <p>Waiters ({@link #lockWhenAvailable}) are granted in arrival order as conflicts go away.
 * Deadlock detection between waiters is not done yet: a blocked waiter waits until the conflict
 * is released or its future is cancelled.
 *
 * <p>Threading: one monitor per file; operations on different files never contend.
 */
public final class LockManager {
    private final Map<FileKey, FileLocks> files = new ConcurrentHashMap<>();

    /** Takes the lock when no other owner's lock conflicts; otherwise reports one conflicting lock. */
    public Optional<Lock> tryLock(FileKey file, LockOwner owner, LockType type, ByteRange range) {
        return withFile(file, f -> f.tryLock(new Lock(file, owner, type, range)));
    }

    /** A lock of another owner that would conflict with this one, without taking anything. */
    public Optional<Lock> test(FileKey file, LockOwner owner, LockType type, ByteRange range) {
        FileLocks f = files.get(file);
        if (f == null) {
            return Optional.empty();
        }
        synchronized (f) {
            return f.conflict(owner, type, range);
        }
    }

    /**
     * Takes the lock as soon as no conflict remains. The future completes with the granted lock;
     * cancelling it withdraws the request (a lock granted before the cancel is kept: callers that
     * cancel must unlock if {@code isDone() && !isCancelled()}).
     */
    public CompletableFuture<Lock> lockWhenAvailable(FileKey file, LockOwner owner, LockType type, ByteRange range) {
        Lock wanted = new Lock(file, owner, type, range);
        CompletableFuture<Lock> granted = new CompletableFuture<>();
        withFile(file, f -> {
            if (f.tryLock(wanted).isEmpty()) {
                f.granted.add(new Waiter(wanted, granted, false));
            } else {
                f.waiters.add(new Waiter(wanted, granted, false));
            }
            return null;
        });
        withdrawnOnCancel(file, granted);
        return granted;
    }

    /**
     * Completes once {@code owner} could take the lock (no other owner's lock conflicts), without
     * taking it: for protocols that tell a waiting client to retry rather than grant for it
     * (NFSv4.1 CB_NOTIFY_LOCK). Cancelling the future withdraws the wait.
     */
    public CompletableFuture<Lock> whenLockable(FileKey file, LockOwner owner, LockType type, ByteRange range) {
        Lock wanted = new Lock(file, owner, type, range);
        CompletableFuture<Lock> free = new CompletableFuture<>();
        withFile(file, f -> {
            Waiter w = new Waiter(wanted, free, true);
            if (f.conflict(owner, type, range).isEmpty()) {
                f.granted.add(w);
            } else {
                f.waiters.add(w);
            }
            return null;
        });
        withdrawnOnCancel(file, free);
        return free;
    }

    /** Cancelling {@code wait} takes its waiter off the file's list. */
    private void withdrawnOnCancel(FileKey file, CompletableFuture<Lock> wait) {
        wait.whenComplete((l, e) -> {
            if (wait.isCancelled()) {
                withFile(file, f -> {
                    f.waiters.removeIf(w -> w.future == wait);
                    return null;
                });
            }
        });
    }

    /** Releases {@code owner}'s locks within {@code range} (splitting locks that reach outside it). */
    public void unlock(FileKey file, LockOwner owner, ByteRange range) {
        withFile(file, f -> {
            f.remove(owner, range);
            f.grantWaiters();
            return null;
        });
    }

    /** Releases every lock of {@code owner} on {@code file}. */
    public void releaseAll(FileKey file, LockOwner owner) {
        unlock(file, owner, new ByteRange(0, ByteRange.TO_END));
    }

    /** Releases every lock, on every file, whose owner matches (a client went away). */
    public void releaseOwners(Predicate<LockOwner> owners) {
        for (FileKey key : List.copyOf(files.keySet())) {
            withFile(key, f -> {
                if (f.locks.removeIf(l -> owners.test(l.owner()))) {
                    f.grantWaiters();
                }
                f.waiters.removeIf(w -> {
                    if (owners.test(w.wanted.owner())) {
                        w.future.cancel(false);
                        return true;
                    }
                    return false;
                });
                return null;
            });
        }
    }

    /** The locks held on {@code file}. */
    public List<Lock> locks(FileKey file) {
        FileLocks f = files.get(file);
        if (f == null) {
            return List.of();
        }
        synchronized (f) {
            return List.copyOf(f.locks);
        }
    }

    private interface FileWork<T> {
        T run(FileLocks f);
    }

    /** Runs {@code work} under the file's monitor, dropping the file's entry once it holds nothing. */
    private <T> T withFile(FileKey key, FileWork<T> work) {
        while (true) {
            FileLocks f = files.computeIfAbsent(key, k -> new FileLocks());
            List<Waiter> granted;
            T result;
            synchronized (f) {
                if (f.retired) {
                    continue; // removed between lookup and lock: take the new one
                }
                try {
                    result = work.run(f);
                } finally {
                    granted = f.takeGranted();
                    if (f.locks.isEmpty() && f.waiters.isEmpty()) {
                        f.retired = true;
                        files.remove(key, f);
                    }
                }
            }
            // Complete outside the monitor: a future's callbacks may call back into the manager.
            for (Waiter w : granted) {
                w.future.complete(w.wanted);
            }
            return result;
        }
    }

    /** A waiting request; a probe only wants to hear that the lock could be taken, and takes nothing. */
    private record Waiter(Lock wanted, CompletableFuture<Lock> future, boolean probe) {}

    /** The locks and waiters of one file. Guarded by its own monitor. */
    private static final class FileLocks {
        final List<Lock> locks = new ArrayList<>();
        final List<Waiter> waiters = new ArrayList<>();
        private List<Waiter> granted = new ArrayList<>();
        boolean retired;

        List<Waiter> takeGranted() {
            if (granted.isEmpty()) {
                return List.of();
            }
            List<Waiter> g = granted;
            granted = new ArrayList<>();
            return g;
        }

        Optional<Lock> conflict(LockOwner owner, LockType type, ByteRange range) {
            for (Lock l : locks) {
                if (l.conflictsWith(owner, type, range)) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }

        Optional<Lock> tryLock(Lock wanted) {
            Optional<Lock> c = conflict(wanted.owner(), wanted.type(), wanted.range());
            if (c.isPresent()) {
                return c;
            }
            // POSIX: the new lock replaces the owner's own locks where they overlap...
            remove(wanted.owner(), wanted.range());
            // ...and merges with the owner's touching locks of the same type.
            ByteRange merged = wanted.range();
            for (Iterator<Lock> it = locks.iterator(); it.hasNext(); ) {
                Lock l = it.next();
                if (l.owner().equals(wanted.owner())
                        && l.type() == wanted.type()
                        && l.range().touches(merged)) {
                    merged = new ByteRange(
                            Math.min(merged.start(), l.range().start()),
                            Math.max(merged.end(), l.range().end()));
                    it.remove();
                }
            }
            locks.add(new Lock(wanted.file(), wanted.owner(), wanted.type(), merged));
            return Optional.empty();
        }

        void remove(LockOwner owner, ByteRange range) {
            List<Lock> kept = new ArrayList<>();
            for (Iterator<Lock> it = locks.iterator(); it.hasNext(); ) {
                Lock l = it.next();
                if (!l.owner().equals(owner) || !l.range().overlaps(range)) {
                    continue;
                }
                it.remove();
                if (l.range().start() < range.start()) {
                    kept.add(new Lock(
                            l.file(), owner, l.type(), new ByteRange(l.range().start(), range.start())));
                }
                if (l.range().end() > range.end()) {
                    kept.add(new Lock(
                            l.file(),
                            owner,
                            l.type(),
                            new ByteRange(range.end(), l.range().end())));
                }
            }
            locks.addAll(kept);
        }

        void grantWaiters() {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.future.isDone()) {
                    it.remove();
                } else if (w.probe) {
                    if (conflict(w.wanted.owner(), w.wanted.type(), w.wanted.range())
                            .isEmpty()) {
                        it.remove();
                        granted.add(w);
                    }
                } else if (tryLock(w.wanted).isEmpty()) {
                    it.remove();
                    granted.add(w);
                }
            }
        }
    }
}
