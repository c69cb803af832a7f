package io.dittofs.smb.handlers;

import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.Lock;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.lock.LockOwner;
import io.dittofs.runtime.lock.LockType;
import io.dittofs.smb.messages.Smb2LockRequest;
import io.dittofs.smb.messages.Smb2LockResponse;
import io.dittofs.smb.server.ByteRangeLocks;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SMB2 LOCK (MS-SMB2 section 3.3.5.14) on the runtime's shared lock manager, so SMB byte-range
 * locks and NFS locks exclude each other. The owner is the open (session and FileId). Several
 * elements are taken all or nothing. A blocking lock (no FAIL_IMMEDIATELY) that cannot be granted
 * at once goes async: an interim STATUS_PENDING response, then the final one when the lock is
 * granted or the request is cancelled; the wait runs on the request's virtual thread. Zero-length ranges lock nothing (they conflict with nothing in the runtime's
 * model).
 */
public final class Smb2LockHandler implements Smb2Handler {
    static final Duration BLOCKING_WAIT = Duration.ofSeconds(10);

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2LockRequest req = Smb2LockRequest.decode(msg);
        Open open = ctx.open(req.fileId());
        if (open.pipe() != null || open.isDirectory()) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_PARAMETER, "LOCK on a directory or pipe");
        }
        LockManager locks = ctx.server().runtime().locks();
        FileKey file = open.fileKey();
        ByteRangeLocks mine = open.locks();
        boolean unlock = (req.locks().getFirst().flags() & Smb2LockRequest.UNLOCK) != 0;
        if (unlock) {
            for (Smb2LockRequest.Element e : req.locks()) {
                if (e.flags() != Smb2LockRequest.UNLOCK) {
                    throw SmbProtocolException.invalid("UNLOCK mixed with locks");
                }
                checkRange(e);
                // MS-FSA 2.1.5.8: an unlock names exactly a lock this open holds.
                ByteRangeLocks.Held h = mine.removeExact(e.offset(), e.length());
                if (h == null) {
                    throw new SmbProtocolException(NtStatus.STATUS_RANGE_NOT_LOCKED, "no such lock");
                }
                ByteRangeLocks.release(locks, file, h);
            }
            return Reply.ok(Smb2LockResponse.INSTANCE);
        }
        List<ByteRangeLocks.Held> taken = new ArrayList<>();
        for (Smb2LockRequest.Element e : req.locks()) {
            int kind = e.flags() & ~Smb2LockRequest.FAIL_IMMEDIATELY;
            boolean immediate = (e.flags() & Smb2LockRequest.FAIL_IMMEDIATELY) != 0;
            if ((kind != Smb2LockRequest.SHARED_LOCK && kind != Smb2LockRequest.EXCLUSIVE_LOCK)
                    || (req.locks().size() > 1 && !immediate)) {
                rollBack(locks, file, mine, taken);
                throw SmbProtocolException.invalid("bad lock flags 0x" + Integer.toHexString(e.flags()));
            }
            checkRange(e);
            LockType type = kind == Smb2LockRequest.SHARED_LOCK ? LockType.SHARED : LockType.EXCLUSIVE;
            ByteRangeLocks.Held h = mine.newLock(e.offset(), e.length(), type);
            ByteRange r = h.range();
            boolean granted = r == null
                    || (immediate
                            ? locks.tryLock(file, h.owner(), type, r).isEmpty()
                            : waitFor(
                                    ctx, locks.lockWhenAvailable(file, h.owner(), type, r), locks, file, h.owner(), r));
            if (!granted) {
                rollBack(locks, file, mine, taken);
                throw new SmbProtocolException(NtStatus.STATUS_LOCK_NOT_GRANTED, "conflicting lock");
            }
            mine.add(h);
            taken.add(h);
        }
        return Reply.ok(Smb2LockResponse.INSTANCE);
    }

    /**
     * Waits for a blocking lock: when it is not granted at once the request goes async (interim
     * STATUS_PENDING) and waits until granted, cancelled (CANCEL or disconnect: STATUS_CANCELLED);
     * inside a compound, where it cannot go async, it waits at most {@link #BLOCKING_WAIT}.
     */
    private static boolean waitFor(
            RequestContext ctx,
            CompletableFuture<Lock> f,
            LockManager locks,
            FileKey file,
            LockOwner owner,
            ByteRange r) {
        if (f.isDone() && !f.isCancelled()) {
            return true;
        }
        boolean async = ctx.goAsync(() -> f.cancel(false));
        try {
            if (async) {
                f.get();
            } else {
                f.get(BLOCKING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (CancellationException e) {
            withdraw(f, locks, file, owner, r);
            throw new SmbProtocolException(NtStatus.STATUS_CANCELLED, "lock request cancelled");
        } catch (TimeoutException | ExecutionException e) {
            withdraw(f, locks, file, owner, r);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            withdraw(f, locks, file, owner, r);
            return false;
        }
    }

    /** Cancels a waiting request; a lock granted just before the cancel is released (LockManager's contract). */
    private static void withdraw(
            CompletableFuture<Lock> f, LockManager locks, FileKey file, LockOwner owner, ByteRange r) {
        if (!f.cancel(false) && f.isDone() && !f.isCompletedExceptionally()) {
            locks.unlock(file, owner, r);
        }
    }

    private static void rollBack(
            LockManager locks, FileKey file, ByteRangeLocks mine, List<ByteRangeLocks.Held> taken) {
        for (ByteRangeLocks.Held h : taken) {
            mine.removeExact(h.offset(), h.length());
            ByteRangeLocks.release(locks, file, h);
        }
    }

    /** STATUS_INVALID_LOCK_RANGE for offsets past 2^63 (unsigned). */
    private static void checkRange(Smb2LockRequest.Element e) {
        if (e.offset() < 0) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_LOCK_RANGE, "offset beyond 2^63");
        }
    }

    /** Releases every lock of {@code open} (CLOSE, or the open going away). */
    public static void releaseAll(LockManager locks, Open open) {
        for (ByteRangeLocks.Held h : open.locks().removeAll()) {
            ByteRangeLocks.release(locks, open.fileKey(), h);
        }
    }
}
