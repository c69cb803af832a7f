package io.dittofs.nfs.nlm;

import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.Lock;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.lock.LockOwner;
import io.dittofs.runtime.lock.LockType;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NLM's view of the runtime's {@link LockManager}: turns nlm4_lock into file keys, owners and
 * ranges, keeps the blocked requests waiting for a GRANTED callback, and knows the grace period
 * after a start during which only reclaims are served.
 *
 * <p>Threading: safe from any thread; blocked requests live in a concurrent map keyed by what
 * identifies them (owner, file, range), so a CANCEL finds the LOCK it cancels.
 */
public final class NlmLocks {
    /** What identifies a blocked request. */
    record Pending(String owner, FileKey file, ByteRange range) {}

    private final ShareRegistry shares;
    private final LockManager locks;
    private final Clock clock;
    private final Instant graceEnds;
    private final Map<Pending, CompletableFuture<Lock>> blocked = new ConcurrentHashMap<>();

    public NlmLocks(ShareRegistry shares, LockManager locks, Duration grace, Clock clock) {
        this.shares = shares;
        this.locks = locks;
        this.clock = clock;
        this.graceEnds = clock.instant().plus(grace);
    }

    /** Whether the grace period after the start is still running (RFC 1813 appendix II: reclaims only). */
    public boolean inGracePeriod() {
        return clock.instant().isBefore(graceEnds);
    }

    /** The file a lock names; STALE when the handle's file is gone, BAD_HANDLE when not a handle. */
    FileKey resolve(Nlm4Lock lock, AuthContext ctx) {
        FileHandle3 fh = new FileHandle3(lock.fh());
        Share share = shares.requireById(fh.shareId());
        share.admit(ctx);
        share.fileSystem().getAttributes(ctx, fh.node()); // STALE for a removed file
        return new FileKey(share.id(), fh.node().fileId());
    }

    static ByteRange range(Nlm4Lock lock) {
        try {
            return ByteRange.of(lock.offset(), lock.length());
        } catch (IllegalArgumentException e) {
            throw new FsException(ErrorCode.FILE_TOO_LARGE, "range " + lock);
        }
    }

    static LockType type(boolean exclusive) {
        return exclusive ? LockType.EXCLUSIVE : LockType.SHARED;
    }

    Optional<Lock> test(FileKey file, Nlm4Lock lock, boolean exclusive) {
        return locks.test(file, new LockOwner(lock.ownerId()), type(exclusive), range(lock));
    }

    Optional<Lock> tryLock(FileKey file, Nlm4Lock lock, boolean exclusive) {
        return locks.tryLock(file, new LockOwner(lock.ownerId()), type(exclusive), range(lock));
    }

    /**
     * Queues a blocking request; returns its future, or the one already queued for the same
     * request (a retransmitted blocking LOCK).
     */
    CompletableFuture<Lock> block(FileKey file, Nlm4Lock lock, boolean exclusive) {
        Pending key = new Pending(lock.ownerId(), file, range(lock));
        return blocked.computeIfAbsent(
                key, k -> locks.lockWhenAvailable(file, new LockOwner(k.owner()), type(exclusive), k.range()));
    }

    /** Forgets a blocked request once granted (its callback sent). */
    void granted(FileKey file, Nlm4Lock lock) {
        blocked.remove(new Pending(lock.ownerId(), file, range(lock)));
    }

    /** Withdraws a blocked request; a lock granted in the meantime is released. */
    void cancel(FileKey file, Nlm4Lock lock) {
        Pending key = new Pending(lock.ownerId(), file, range(lock));
        CompletableFuture<Lock> f = blocked.remove(key);
        if (f != null && !f.cancel(false) && !f.isCompletedExceptionally()) {
            locks.unlock(file, new LockOwner(key.owner()), key.range());
        }
    }

    void unlock(FileKey file, Nlm4Lock lock) {
        locks.unlock(file, new LockOwner(lock.ownerId()), range(lock));
    }

    /** Drops every lock and blocked request of host {@code callerName} (it rebooted: FREE_ALL, SM_NOTIFY). */
    public void releaseHost(String callerName) {
        String prefix = Nlm4Lock.ownerPrefix(callerName);
        blocked.entrySet().removeIf(e -> {
            if (e.getKey().owner().startsWith(prefix)) {
                e.getValue().cancel(false);
                return true;
            }
            return false;
        });
        locks.releaseOwners(o -> o.id().startsWith(prefix));
    }

    /** How TEST reports a conflicting lock: NLM owners with their svid and handle, others anonymously. */
    static Nlm4Holder holder(Lock l) {
        String id = l.owner().id();
        int svid = 0;
        byte[] oh = new byte[0];
        if (id.startsWith("nlm:")) {
            int last = id.lastIndexOf(':');
            int before = id.lastIndexOf(':', last - 1);
            try {
                svid = Integer.parseInt(id.substring(before + 1, last));
                oh = HexFormat.of().parseHex(id.substring(last + 1));
            } catch (IllegalArgumentException e) {
                svid = 0;
            }
        }
        long length = l.range().end() == ByteRange.TO_END ? 0 : l.range().length();
        return new Nlm4Holder(
                l.type() == LockType.EXCLUSIVE, svid, oh, l.range().start(), length);
    }
}
