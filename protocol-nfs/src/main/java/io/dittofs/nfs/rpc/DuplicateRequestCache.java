package io.dittofs.nfs.rpc;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the replies to recent non-idempotent calls, so that a client retransmitting one (after
 * a lost reply or a reconnect) gets the first reply instead of a second execution: a retransmitted
 * REMOVE must not answer NFS3ERR_NOENT for the file it removed.
 *
 * <p>A call is the same call when client address, xid, program, version, procedure and a checksum
 * of its arguments match (the source port is left out: clients reconnect from new ports). While
 * the first execution runs, retransmissions are dropped; the client will retransmit again.
 *
 * <p>Threading: every method synchronizes on the cache; entries are evicted least recently used
 * first beyond {@code capacity}.
 */
public final class DuplicateRequestCache {

    /** What identifies a call. */
    public record Key(InetAddress client, int xid, int program, int version, int procedure, long argsChecksum) {}

    /** What to do with a call. */
    public sealed interface Lookup {
        /** Not seen before: run it, then {@link #complete} or {@link #abandon}. */
        record Execute() implements Lookup {}

        /** The first execution is still running: drop this one. */
        record InProgress() implements Lookup {}

        /** Seen and answered: send this reply again. */
        record Replay(byte[] reply) implements Lookup {}
    }

    private static final Lookup EXECUTE = new Lookup.Execute();
    private static final Lookup IN_PROGRESS = new Lookup.InProgress();

    private final Map<Key, byte @Nullable []> entries;

    public DuplicateRequestCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, byte @Nullable []> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Looks a call up, marking it in progress when it is new. */
    public synchronized Lookup begin(Key key) {
        if (!entries.containsKey(key)) {
            entries.put(key, null);
            return EXECUTE;
        }
        byte[] reply = entries.get(key);
        return reply == null ? IN_PROGRESS : new Lookup.Replay(reply);
    }

    /** Records the reply of a call {@link #begin} said to execute. */
    public synchronized void complete(Key key, byte[] reply) {
        if (entries.containsKey(key)) {
            entries.put(key, reply);
        }
    }

    /** Forgets a call that produced no reply to remember. */
    public synchronized void abandon(Key key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }
}
