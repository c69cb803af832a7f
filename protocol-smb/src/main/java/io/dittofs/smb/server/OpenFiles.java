package io.dittofs.smb.server;

import io.dittofs.runtime.fs.NodeId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-wide count of SMB opens per file and its delete-pending flag, so that
 * delete-on-close (MS-SMB2 3.3.5.10 and MS-FSA 2.1.5.4) removes a file when its last handle on
 * any connection closes. A stand-in for the runtime's open-file table with share modes, which
 * does not exist yet.
 *
 * <p>Threading: each file's entry is changed atomically through {@link ConcurrentHashMap#compute}.
 */
public final class OpenFiles {
    /** A file of a share. */
    public record Key(int shareId, NodeId node) {}

    private record Entry(int opens, boolean deletePending) {}

    private final Map<Key, Entry> files = new ConcurrentHashMap<>();

    public void opened(Key key) {
        files.compute(key, (k, e) -> e == null ? new Entry(1, false) : new Entry(e.opens + 1, e.deletePending));
    }

    /**
     * Records a close; returns whether it was the last open of a delete-pending file (the caller
     * then removes the file).
     */
    public boolean closed(Key key) {
        boolean[] delete = {false};
        files.computeIfPresent(key, (k, e) -> {
            if (e.opens <= 1) {
                delete[0] = e.deletePending;
                return null;
            }
            return new Entry(e.opens - 1, e.deletePending);
        });
        return delete[0];
    }

    public void setDeletePending(Key key, boolean pending) {
        files.computeIfPresent(key, (k, e) -> new Entry(e.opens, pending));
    }

    public boolean isDeletePending(Key key) {
        Entry e = files.get(key);
        return e != null && e.deletePending;
    }
}
