package io.dittofs.runtime.open;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.lock.FileKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open of every file in the runtime, whichever protocol made it.
 *
 * <ul>
 *   <li><b>Share reservations</b>: {@link #open} fails with SHARING_VIOLATION when its
 *       {@link OpenMode} conflicts with an open already there (MS-FSA 2.1.5.1.2, RFC 8881
 *       section 9.7), so an SMB open denying writes keeps an NFSv4 OPEN for write out, and the
 *       other way round.
 *   <li><b>Delete pending</b>: once set, new opens fail with DELETE_PENDING, and the close of
 *       the last open tells the caller to remove the file (MS-FSA 2.1.5.4).
 *   <li><b>Caching</b>: SMB oplocks and leases and NFSv4 delegations are {@link CachingGrant}s;
 *       {@link #breakConflicting} tells the holders of grants that an operation of someone else
 *       invalidates, and returns a future that completes when they have given them up.
 * </ul>
 *
 * <p>Threading: each file's state changes atomically inside {@link ConcurrentHashMap#compute}
 * on its key, so different files never contend; listeners are called after, outside any lock.
 */
public final class OpenTable {
    private static final class FileState {
        final List<OpenHandle> opens = new ArrayList<>(2);
        final List<CachingGrant> grants = new ArrayList<>(1);
        boolean deletePending;

        boolean isEmpty() {
            return opens.isEmpty() && grants.isEmpty();
        }
    }

    private final Map<FileKey, FileState> files = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> opensPerShare = new ConcurrentHashMap<>();

    /**
     * Opens {@code file} for {@code holder} with {@code mode}.
     *
     * @throws FsException DELETE_PENDING when the file is being deleted, SHARING_VIOLATION when
     *     the mode conflicts with an existing open (of any holder: share modes apply between
     *     opens of one client too).
     */
    public OpenHandle open(FileKey file, String holder, OpenMode mode) {
        OpenHandle handle = new OpenHandle(file, holder, mode);
        files.compute(file, (k, state) -> {
            FileState s = state == null ? new FileState() : state;
            if (s.deletePending) {
                throw new FsException(ErrorCode.DELETE_PENDING, "file is being deleted");
            }
            for (OpenHandle other : s.opens) {
                if (mode.conflictsWith(other.mode())) {
                    throw new FsException(ErrorCode.SHARING_VIOLATION, "open conflicts with " + other.mode());
                }
            }
            s.opens.add(handle);
            return s;
        });
        opensPerShare.computeIfAbsent(file.shareId(), id -> new AtomicInteger()).incrementAndGet();
        return handle;
    }

    /**
     * Changes the mode of an open (NFSv4 OPEN_DOWNGRADE, or an upgrade by a second OPEN of the
     * same owner); an upgrade is checked against the other opens like a new open.
     */
    public void changeMode(OpenHandle handle, OpenMode mode) {
        files.compute(handle.file(), (k, s) -> {
            if (s == null || !s.opens.contains(handle)) {
                throw new FsException(ErrorCode.INVALID_ARGUMENT, "not open: " + handle);
            }
            for (OpenHandle other : s.opens) {
                if (other != handle && mode.conflictsWith(other.mode())) {
                    throw new FsException(ErrorCode.SHARING_VIOLATION, "open conflicts with " + other.mode());
                }
            }
            handle.mode(mode);
            return s;
        });
    }

    /** Closes {@code handle}; closing a handle twice is harmless and reports no last close. */
    public CloseResult close(OpenHandle handle) {
        CloseResult[] result = {new CloseResult(false, false)};
        boolean[] removed = {false};
        files.computeIfPresent(handle.file(), (k, s) -> {
            if (!s.opens.remove(handle)) {
                return s;
            }
            removed[0] = true;
            if (s.opens.isEmpty()) {
                result[0] = new CloseResult(true, s.deletePending);
                s.deletePending = false;
            }
            return s.isEmpty() ? null : s;
        });
        if (removed[0]) {
            opensPerShare.get(handle.file().shareId()).decrementAndGet();
        }
        return result[0];
    }

    /** Marks (or unmarks) an open file for deletion at its last close; no effect if not open. */
    public void setDeletePending(FileKey file, boolean pending) {
        files.computeIfPresent(file, (k, s) -> {
            s.deletePending = pending && !s.opens.isEmpty();
            return s;
        });
    }

    public boolean isDeletePending(FileKey file) {
        boolean[] pending = {false};
        files.computeIfPresent(file, (k, s) -> {
            pending[0] = s.deletePending;
            return s;
        });
        return pending[0];
    }

    /** How many opens {@code file} has now. */
    public int openCount(FileKey file) {
        return opens(file).size();
    }

    /** How many opens all files of share {@code shareId} have now. */
    public int openCount(int shareId) {
        AtomicInteger n = opensPerShare.get(shareId);
        return n == null ? 0 : n.get();
    }

    /** A snapshot of the opens of {@code file}. */
    public List<OpenHandle> opens(FileKey file) {
        List<OpenHandle> result = new ArrayList<>();
        files.computeIfPresent(file, (k, s) -> {
            result.addAll(s.opens);
            return s;
        });
        return result;
    }

    /**
     * Grants {@code level} caching to {@code holder} if nobody else's opens or grants stand in
     * the way: write caching needs the file to itself, read caching needs nobody else writing.
     * Returns empty when it cannot be granted now (the protocol then grants less or nothing).
     */
    public Optional<CachingGrant> tryGrant(FileKey file, String holder, int level, BreakListener listener) {
        if ((level & ~Caching.ALL) != 0 || level == Caching.NONE) {
            throw new IllegalArgumentException("bad caching level " + level);
        }
        CachingGrant grant = new CachingGrant(file, holder, level, listener);
        boolean[] granted = {false};
        files.compute(file, (k, state) -> {
            FileState s = state == null ? new FileState() : state;
            if (canGrant(s, holder, level)) {
                s.grants.add(grant);
                granted[0] = true;
            }
            return s.isEmpty() ? null : s;
        });
        return granted[0] ? Optional.of(grant) : Optional.empty();
    }

    private static boolean canGrant(FileState s, String holder, int level) {
        for (OpenHandle open : s.opens) {
            if (open.holder().equals(holder)) {
                continue;
            }
            boolean othersWrite = (open.mode().access() & OpenMode.WRITE) != 0;
            if ((level & Caching.WRITE) != 0 || ((level & Caching.READ) != 0 && othersWrite)) {
                return false;
            }
        }
        for (CachingGrant other : s.grants) {
            if (other.holder().equals(holder)) {
                continue;
            }
            int theirs = other.level();
            if ((theirs & Caching.WRITE) != 0 || ((level & Caching.WRITE) != 0 && theirs != Caching.NONE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Breaks the caching of every holder other than {@code holder} that {@code intent}
     * invalidates. The returned future completes when each of them has acknowledged or
     * released; the caller bounds the wait (an SMB server waits for the break's ack, an NFSv4
     * server answers NFS4ERR_DELAY meanwhile) and calls {@link #revoke} on holders that never
     * answer.
     */
    public CompletableFuture<Void> breakConflicting(FileKey file, String holder, BreakIntent intent) {
        List<CachingGrant> toNotify = new ArrayList<>();
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        files.computeIfPresent(file, (k, s) -> {
            for (CachingGrant grant : s.grants) {
                if (grant.holder().equals(holder)) {
                    continue;
                }
                int level = grant.level();
                int target = Caching.remainingAfter(level, intent);
                if (target == level) {
                    continue;
                }
                if (grant.startBreak(target)) {
                    toNotify.add(grant);
                }
                waits.add(grant.broken());
            }
            return s;
        });
        for (CachingGrant grant : toNotify) {
            grant.listener().breakTo(grant, grant.breakingTo());
        }
        return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    }

    /** The holder of {@code grant} now caches only {@code newLevel} (a break's acknowledgment). */
    public void acknowledge(CachingGrant grant, int newLevel) {
        if (newLevel == Caching.NONE) {
            release(grant);
            return;
        }
        files.computeIfPresent(grant.file(), (k, s) -> {
            grant.settle(newLevel);
            return s;
        });
    }

    /** The holder gives the grant up (lease closed, DELEGRETURN). */
    public void release(CachingGrant grant) {
        files.computeIfPresent(grant.file(), (k, s) -> {
            s.grants.remove(grant);
            grant.released();
            return s.isEmpty() ? null : s;
        });
    }

    /** Takes a grant away from a holder that did not answer a break in time. */
    public void revoke(CachingGrant grant) {
        release(grant);
    }
}
