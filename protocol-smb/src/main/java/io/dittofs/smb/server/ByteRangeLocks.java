package io.dittofs.smb.server;

import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.Lock;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.lock.LockOwner;
import io.dittofs.runtime.lock.LockType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The byte-range locks one open holds, with Windows semantics (MS-FSA 2.1.5.7) on the runtime's
 * POSIX-style shared {@link LockManager}:
 *
 * <ul>
 *   <li>every SMB lock is its own lock owner in the manager ({@code smb:<FileId>:<n>}), so the
 *       manager never merges or splits SMB locks, and two locks of one open conflict as Windows
 *       says (exclusive against anything overlapping, shared with shared); NLM and NFSv4 locks
 *       still conflict with them, as with any other owner;
 *   <li>an unlock must name exactly the offset and length of a lock the open holds
 *       (STATUS_RANGE_NOT_LOCKED otherwise), and releases that one lock;
 *   <li>locks are mandatory for SMB I/O ({@link #readBlocked}, {@link #writeBlocked}).
 * </ul>
 *
 * <p>Zero-length locks are recorded (so they can be unlocked) but lock nothing in the manager.
 *
 * <p>Threading: the list is guarded by this object's monitor.
 */
public final class ByteRangeLocks {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** One lock as the client asked for it. */
    public record Held(long offset, long length, LockType type, LockOwner owner) {
        @Nullable
        public ByteRange range() {
            if (length == 0) {
                return null;
            }
            // Lengths past 2^63 (unsigned) reach the end of the file.
            return length < 0 ? new ByteRange(offset, ByteRange.TO_END) : ByteRange.of(offset, length);
        }
    }

    private final String prefix;
    private final List<Held> held = new ArrayList<>(0);

    ByteRangeLocks(long persistentFileId) {
        this.prefix = "smb:" + Long.toHexString(persistentFileId) + ":";
    }

    /** A fresh owner for one new lock of this open. */
    public Held newLock(long offset, long length, LockType type) {
        return new Held(offset, length, type, new LockOwner(prefix + SEQUENCE.incrementAndGet()));
    }

    /** Takes over the locks of {@code old} (the same persistent FileId, so the same owners). */
    synchronized void adopt(ByteRangeLocks old) {
        held.addAll(old.removeAll());
    }

    public synchronized void add(Held h) {
        held.add(h);
    }

    /** Removes and returns the most recent lock with exactly this offset and length, or {@code null}. */
    public synchronized @Nullable Held removeExact(long offset, long length) {
        for (int i = held.size() - 1; i >= 0; i--) {
            Held h = held.get(i);
            if (h.offset() == offset && h.length() == length) {
                return held.remove(i);
            }
        }
        return null;
    }

    public synchronized List<Held> removeAll() {
        List<Held> all = List.copyOf(held);
        held.clear();
        return all;
    }

    /** Whether {@code owner} is one of this open's locks. */
    public boolean owns(LockOwner owner) {
        return owner.id().startsWith(prefix);
    }

    /** Releases lock {@code h} in the manager. */
    public static void release(LockManager locks, FileKey file, Held h) {
        ByteRange r = h.range();
        if (r != null) {
            locks.unlock(file, h.owner(), r);
        }
    }

    /** A READ of {@code count} bytes at {@code offset} meets another owner's exclusive lock. */
    public boolean readBlocked(LockManager locks, FileKey file, long offset, long count) {
        if (count <= 0) {
            return false;
        }
        ByteRange r = ByteRange.of(offset, count);
        for (Lock l : locks.locks(file)) {
            if (l.type() == LockType.EXCLUSIVE && l.range().overlaps(r) && !owns(l.owner())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A WRITE meets another owner's lock, or a shared lock of anyone (a shared lock keeps even its
     * holder from writing, MS-FSA 2.1.4.2).
     */
    public boolean writeBlocked(LockManager locks, FileKey file, long offset, long count) {
        if (count <= 0) {
            return false;
        }
        ByteRange r = ByteRange.of(offset, count);
        for (Lock l : locks.locks(file)) {
            if (l.range().overlaps(r) && (l.type() == LockType.SHARED || !owns(l.owner()))) {
                return true;
            }
        }
        return false;
    }
}
