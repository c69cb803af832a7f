package io.dittofs.runtime.coherence;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's source of directory change events: every protocol's changes arrive here (through
 * {@link CoherentFileSystem}), and watchers (SMB CHANGE_NOTIFY) subscribe.
 *
 * <p>Threading: listeners are called on the thread that made the change, after it succeeded;
 * they must not block. Subscriptions are a copy-on-write list: watches are few and short-lived
 * compared to changes, which pay one volatile read when nobody watches.
 */
public final class FsEvents {
    private static final Logger LOG = LoggerFactory.getLogger(FsEvents.class);

    private final List<Consumer<FsChange>> listeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} for every change until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<FsChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(FsChange change) {
        for (Consumer<FsChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("change listener failed on {}", change, e);
            }
        }
    }

    /** How many listeners are subscribed (for tests and leak checks). */
    public int listenerCount() {
        return listeners.size();
    }
}
