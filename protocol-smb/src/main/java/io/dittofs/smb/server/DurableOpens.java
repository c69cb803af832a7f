package io.dittofs.smb.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable opens whose connection went away (MS-SMB2 3.3.7.1): kept, with their share reservation,
 * lease and byte-range locks, for their timeout, then closed; a CREATE with DHnC or DH2C from the
 * same user (and, for v2, the same CreateGuid) takes one back (3.3.5.9.7, 3.3.5.9.12).
 *
 * <p>Kept in memory; persistent handles are also saved in their share's state records and put
 * back here when the adapter starts ({@code PersistentHandles}), durable ones are lost in a restart.
 *
 * <p>Threading: a concurrent map; an open is either reclaimed or expired, never both, by
 * {@link Map#remove(Object, Object)}.
 */
public final class DurableOpens {
    /** Timers run their work on virtual threads: it may call the runtime. */
    private static final java.util.concurrent.Executor VIRTUAL =
            r -> Thread.ofVirtual().start(r);

    private static final Logger LOG = LoggerFactory.getLogger(DurableOpens.class);

    /** What a preserved open remembers of who may take it back. */
    private record Preserved(Open open, @Nullable Connection from, int uid, byte @Nullable [] createGuid) {}

    private final Map<Long, Preserved> byPersistentId = new ConcurrentHashMap<>();

    /**
     * Keeps {@code open} (already removed from {@code from}; {@code null} for a persistent handle
     * restored at start) for its timeout; then {@code close} runs.
     */
    public void preserve(Open open, @Nullable Connection from, int uid, BiCloser close) {
        Preserved p = new Preserved(open, from, uid, open.createGuid());
        long id = open.fileId().persistent();
        byPersistentId.put(id, p);
        Duration timeout = open.durableTimeout();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS, VIRTUAL)
                .execute(() -> {
                    if (byPersistentId.remove(id, p)) {
                        LOG.debug("durable open {} not reclaimed within {}: closed", open.path(), timeout);
                        close.close(p.from(), open);
                    }
                });
    }

    /** Closes a preserved open. */
    @FunctionalInterface
    public interface BiCloser {
        void close(@Nullable Connection from, Open open);
    }

    /**
     * Takes back the preserved open with this persistent FileId, when {@code uid} opened it and,
     * for a v2 handle, {@code createGuid} matches; else {@code null}.
     */
    public @Nullable Open reclaim(long persistentId, int uid, byte @Nullable [] createGuid, Consumer<String> why) {
        Preserved p = byPersistentId.get(persistentId);
        if (p == null) {
            why.accept("no durable open " + persistentId);
            return null;
        }
        if (p.uid() != uid) {
            why.accept("durable open of another user");
            return null;
        }
        if (p.createGuid() != null && (createGuid == null || !Arrays.equals(p.createGuid(), createGuid))) {
            why.accept("CreateGuid does not match");
            return null;
        }
        return byPersistentId.remove(persistentId, p) ? p.open() : null;
    }

    /** How many opens wait to be reclaimed. */
    public int size() {
        return byPersistentId.size();
    }
}
