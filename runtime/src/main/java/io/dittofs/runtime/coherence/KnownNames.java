package io.dittofs.runtime.coherence;

import io.dittofs.runtime.fs.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The name by which each recently used file of a share was last reached (looked up, created or
 * renamed to), so that a change of its data or attributes, which names only the file, can be
 * reported in its directory (SMB CHANGE_NOTIFY) and can break that directory's caching. Files
 * have no parent pointer in the store, and a hard-linked file has several parents: as on
 * Windows, the change is reported under the name it was opened by.
 *
 * <p>A hint, not a record: bounded (least recently used entries go), empty after a restart, so a
 * change of a file nobody named since is not reported; a removed name is not forgotten (finding
 * it would cost a scan) but only ages out, so a write to a removed, still open file reports the
 * name it had.
 *
 * <p>Threading: every method synchronizes on the map; each call is a map operation.
 */
final class KnownNames {
    /** Where a file was last seen. */
    record Name(NodeId directory, String name) {}

    private final Map<Long, Name> names;

    KnownNames(int capacity) {
        this.names = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Name> eldest) {
                return size() > capacity;
            }
        };
    }

    void seen(NodeId node, NodeId directory, String name) {
        if (name.equals(".") || name.equals("..")) {
            return;
        }
        Name n = new Name(directory, name);
        synchronized (names) {
            names.put(node.fileId(), n);
        }
    }

    @Nullable
    Name of(NodeId node) {
        synchronized (names) {
            return names.get(node.fileId());
        }
    }
}
