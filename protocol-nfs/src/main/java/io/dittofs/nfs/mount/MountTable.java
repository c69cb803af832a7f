package io.dittofs.nfs.mount;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which clients have mounted which exports, as MNT and UMNT report them (DUMP lists it). Purely
 * informational, as in every NFSv3 server: a client that never calls UMNT stays listed, and file
 * handles work without a mount.
 *
 * <p>Threading: a concurrent set; safe from any thread.
 */
public final class MountTable {
    /** One mount: the client's host (its address) and the export path. */
    public record Mount(String host, String path) {}

    private final Set<Mount> mounts = ConcurrentHashMap.newKeySet();

    public void add(String host, String path) {
        mounts.add(new Mount(host, path));
    }

    public void remove(String host, String path) {
        mounts.remove(new Mount(host, path));
    }

    public void removeAll(String host) {
        mounts.removeIf(m -> m.host().equals(host));
    }

    public List<Mount> list() {
        return mounts.stream()
                .sorted(java.util.Comparator.comparing(Mount::host).thenComparing(Mount::path))
                .toList();
    }
}
