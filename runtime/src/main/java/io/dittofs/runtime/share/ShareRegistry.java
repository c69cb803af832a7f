package io.dittofs.runtime.share;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The shares being served, by name and by id.
 *
 * <p>Threading: lock-free reads from any thread; {@link #add} and {@link #remove} synchronize on
 * the registry so names and ids stay unique together.
 */
public final class ShareRegistry {
    private final Map<String, Share> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Share> byId = new ConcurrentHashMap<>();

    /**
     * The id a share of this name gets: stable across restarts and processes (a handle must keep
     * naming the same share), never 0.
     */
    public static int idFor(String name) {
        int h = 0x811C9DC5; // FNV-1a over UTF-8: fixed by definition, so ids never change between versions
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return h == 0 ? 1 : h;
    }

    private UnaryOperator<Share> decorator = UnaryOperator.identity();

    /**
     * Wraps the file system of every share, now and when added later, with {@code d} (the
     * runtime's {@link io.dittofs.runtime.coherence.CoherentFileSystem}).
     */
    public synchronized void decorate(UnaryOperator<Share> d) {
        decorator = d;
        for (Share s : List.copyOf(byName.values())) {
            Share wrapped = d.apply(s);
            byName.put(wrapped.name(), wrapped);
            byId.put(wrapped.id(), wrapped);
        }
    }

    /** Adds a share; fails when its name or id is taken. */
    public synchronized void add(Share added) {
        Share share = decorator.apply(added);
        if (byName.containsKey(share.name())) {
            throw new IllegalArgumentException("share '" + share.name() + "' exists");
        }
        Share clash = byId.get(share.id());
        if (clash != null) {
            throw new IllegalArgumentException(
                    "share '" + share.name() + "' has the same id as share '" + clash.name() + "': rename one");
        }
        byName.put(share.name(), share);
        byId.put(share.id(), share);
    }

    /**
     * Swaps the share of the same name and id for {@code share} (new options over the same file
     * system), for live changes from the control plane; fails when there is none.
     */
    public synchronized void replace(Share share) {
        Share old = byName.get(share.name());
        if (old == null || old.id() != share.id()) {
            throw new IllegalArgumentException("no share '" + share.name() + "' to replace");
        }
        byName.put(share.name(), share);
        byId.put(share.id(), share);
    }

    /** Removes a share; returns it when it existed. */
    public synchronized Optional<Share> remove(String name) {
        Share s = byName.remove(name);
        if (s != null) {
            byId.remove(s.id());
        }
        return Optional.ofNullable(s);
    }

    public Optional<Share> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Share> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The share with this id, or BAD_HANDLE: for decoding file handles. */
    public Share requireById(int id) {
        Share s = byId.get(id);
        if (s == null) {
            throw new FsException(ErrorCode.BAD_HANDLE, "no share with id " + id);
        }
        return s;
    }

    /** Every share, by name. */
    public List<Share> all() {
        Collection<Share> values = byName.values();
        return values.stream().sorted(Comparator.comparing(Share::name)).toList();
    }
}
