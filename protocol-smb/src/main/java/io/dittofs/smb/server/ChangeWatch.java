package io.dittofs.smb.server;

import io.dittofs.runtime.coherence.FsChange;
import io.dittofs.runtime.coherence.FsEvents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
 * <p>Threading: the buffer and the waiter are guarded by the watch's monitor.
 */
public final class ChangeWatch implements Consumer<FsChange> {
    static final int MAX_BUFFERED = 512;
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
    private boolean overflow;
    private boolean closed;
    /** One per waiting request: a CANCEL ends only its own. */
    private final List<CompletableFuture<Outcome>> waiters = new ArrayList<>(1);

    private final AutoCloseable subscription;

    public ChangeWatch(int shareId, FsEvents events) {
        this.shareId = shareId;
        this.subscription = events.subscribe(this);
    }

    @Override
    public void accept(FsChange change) {
        if (change.shareId() != shareId) {
            return;
        }
        List<CompletableFuture<Outcome>> wake;
        Outcome outcome;
        synchronized (this) {
            if (closed) {
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

    /** Takes what is buffered; an overflow empties the buffer and is reported once. */
    public synchronized List<FsChange> drain() {
        List<FsChange> out = new ArrayList<>(buffered);
        buffered.clear();
        return out;
    }

    /** Whether changes were lost since the last call; clears the flag. */
    public synchronized boolean takeOverflow() {
        boolean o = overflow;
        overflow = false;
        if (o) {
            buffered.clear();
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
