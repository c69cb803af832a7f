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
    private CompletableFuture<Outcome> waiter = new CompletableFuture<>();
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
        CompletableFuture<Outcome> wake;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (buffered.size() >= MAX_BUFFERED) {
                overflow = true;
            } else {
                buffered.add(change);
            }
            wake = waiter;
        }
        wake.complete(overflow ? Outcome.OVERFLOW : Outcome.CHANGED);
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

    /** A future that completes at the next change, at close, or at {@link #cancel}. */
    public synchronized CompletableFuture<Outcome> next() {
        if (closed) {
            return CompletableFuture.completedFuture(Outcome.CLEANUP);
        }
        if (waiter.isDone()) {
            waiter = new CompletableFuture<>();
        }
        if (!buffered.isEmpty() || overflow) {
            waiter.complete(overflow ? Outcome.OVERFLOW : Outcome.CHANGED);
        }
        return waiter;
    }

    public void cancel() {
        CompletableFuture<Outcome> w;
        synchronized (this) {
            w = waiter;
        }
        w.complete(Outcome.CANCELLED);
    }

    /** The open closed: a waiting request ends with STATUS_NOTIFY_CLEANUP. */
    public void close() {
        CompletableFuture<Outcome> w;
        synchronized (this) {
            closed = true;
            buffered.clear();
            w = waiter;
        }
        w.complete(Outcome.CLEANUP);
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribe failed", e);
        }
    }
}
