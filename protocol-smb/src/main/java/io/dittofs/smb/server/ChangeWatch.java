package io.dittofs.smb.server;

import io.dittofs.runtime.coherence.FsChange;
import io.dittofs.runtime.coherence.FsEvents;
import io.dittofs.runtime.fs.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change notifications of one directory open (MS-SMB2 3.3.5.19): subscribed to the
 * runtime's {@link FsEvents} from the first CHANGE_NOTIFY until the open closes, it keeps the
 * changes of its share that happen between requests (bounded: past {@link #MAX_BUFFERED} the
 * client is told to enumerate again) and wakes the request waiting for them. Which changes
 * concern the watched directory or tree is decided by the request's thread, not here: the
 * publisher's thread must not block.
 *
 * <p>Modifications are coalesced: while one of a name is buffered, a further one of the same name
 * that changes nothing more is dropped, so a stream of writes between two requests is one entry
 * and does not overflow the buffer.
 *
 * <p>Threading: the buffer and the waiter are guarded by the watch's monitor.
 */
public final class ChangeWatch implements Consumer<FsChange> {
    static final int MAX_BUFFERED = 512;
    // CompletionFilter bits, MS-SMB2 2.2.35.
    public static final int FILE_NAME = 0x001;
    public static final int DIR_NAME = 0x002;
    public static final int ATTRIBUTES = 0x004;
    public static final int SIZE = 0x008;
    public static final int LAST_WRITE = 0x010;
    public static final int LAST_ACCESS = 0x020;
    public static final int CREATION = 0x040;
    public static final int EA = 0x080;
    public static final int SECURITY = 0x100;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatch.class);

    /** How a wait ended. */
    public enum Outcome {
        CHANGED,
        OVERFLOW,
        CLEANUP,
        CANCELLED
    }

    private final int shareId;
    private final Deque<FsChange> buffered = new ArrayDeque<>();
    /** What the buffered modifications of each name report, to drop repeats. */
    private final Map<Modified, Integer> pendingModified = new HashMap<>();

    private boolean overflow;
    private boolean closed;
    /** One per waiting request: a CANCEL ends only its own. */
    private final List<CompletableFuture<Outcome>> waiters = new ArrayList<>(1);

    private final AutoCloseable subscription;
    /** The CompletionFilter of the latest request: modifications it does not select are not buffered. */
    private volatile int filter = -1;

    public ChangeWatch(int shareId, FsEvents events) {
        this.shareId = shareId;
        this.subscription = events.subscribe(this);
    }

    /** The CompletionFilter of the request now waiting (a client asks the same on every request). */
    public void filter(int completionFilter) {
        filter = completionFilter;
    }

    @Override
    public void accept(FsChange change) {
        if (change.shareId() != shareId
                || (change.action() == FsChange.Action.MODIFIED && (filterBits(change) & filter) == 0)) {
            return;
        }
        List<CompletableFuture<Outcome>> wake;
        Outcome outcome;
        synchronized (this) {
            if (closed || isRepeat(change)) {
                return;
            }
            if (buffered.size() >= MAX_BUFFERED) {
                overflow = true;
            } else {
                buffered.add(change);
            }
            outcome = overflow ? Outcome.OVERFLOW : Outcome.CHANGED;
            wake = List.copyOf(waiters);
            waiters.clear();
        }
        wake.forEach(w -> w.complete(outcome));
    }

    /** The CompletionFilter bits that select {@code c}. */
    public static int filterBits(FsChange c) {
        if (c.action() != FsChange.Action.MODIFIED) {
            return c.isDirectory() ? DIR_NAME : FILE_NAME;
        }
        int changed = c.changed();
        return ((changed & FsChange.SIZE) != 0 ? SIZE : 0)
                | ((changed & FsChange.LAST_WRITE) != 0 ? LAST_WRITE : 0)
                | ((changed & FsChange.LAST_ACCESS) != 0 ? LAST_ACCESS : 0)
                | ((changed & FsChange.CREATION) != 0 ? CREATION : 0)
                | ((changed & FsChange.ATTRIBUTES) != 0 ? ATTRIBUTES : 0)
                | ((changed & FsChange.SECURITY) != 0 ? SECURITY : 0)
                | ((changed & FsChange.XATTRS) != 0 ? EA : 0);
    }

    private record Modified(NodeId directory, String name) {}

    /** Whether {@code change} modifies a name whose buffered modification already says as much; notes it if not. */
    private boolean isRepeat(FsChange change) {
        if (change.action() != FsChange.Action.MODIFIED) {
            return false;
        }
        Modified key = new Modified(change.directory(), change.name());
        Integer pending = pendingModified.get(key);
        if (pending != null && (change.changed() & ~pending) == 0) {
            return true;
        }
        pendingModified.merge(key, change.changed(), (a, b) -> a | b);
        return false;
    }

    /** Takes what is buffered; an overflow empties the buffer and is reported once. */
    public synchronized List<FsChange> drain() {
        List<FsChange> out = new ArrayList<>(buffered);
        buffered.clear();
        pendingModified.clear();
        return out;
    }

    /** Whether changes were lost since the last call; clears the flag. */
    public synchronized boolean takeOverflow() {
        boolean o = overflow;
        overflow = false;
        if (o) {
            buffered.clear();
            pendingModified.clear();
        }
        return o;
    }

    /** A future of one request that completes at the next change, at close, or at {@link #cancel}. */
    public synchronized CompletableFuture<Outcome> next() {
        if (closed) {
            return CompletableFuture.completedFuture(Outcome.CLEANUP);
        }
        if (!buffered.isEmpty() || overflow) {
            return CompletableFuture.completedFuture(overflow ? Outcome.OVERFLOW : Outcome.CHANGED);
        }
        CompletableFuture<Outcome> w = new CompletableFuture<>();
        waiters.add(w);
        return w;
    }

    /** Ends the wait of the request that got {@code waiter} (CANCEL). */
    public void cancel(CompletableFuture<Outcome> waiter) {
        synchronized (this) {
            waiters.remove(waiter);
        }
        waiter.complete(Outcome.CANCELLED);
    }

    /** The open closed: a waiting request ends with STATUS_NOTIFY_CLEANUP. */
    public void close() {
        List<CompletableFuture<Outcome>> w;
        synchronized (this) {
            closed = true;
            buffered.clear();
            pendingModified.clear();
            w = List.copyOf(waiters);
            waiters.clear();
        }
        w.forEach(f -> f.complete(Outcome.CLEANUP));
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribe failed", e);
        }
    }
}
