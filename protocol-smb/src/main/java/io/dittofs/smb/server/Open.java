package io.dittofs.smb.server;

import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.rpc.DcerpcPipe;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * An open file or directory (MS-SMB2 section 3.3.1.10, Open): where it lives, what it was opened
 * for, and a directory's enumeration state.
 *
 * <p>Threading: an open is used by the requests naming its FileId; a client does not send two
 * requests on one handle that race on its name or enumeration, and the fields they change are
 * guarded by the open's monitor.
 */
public final class Open {
    private final FileId fileId;
    private final TreeConnect tree;
    private final NodeId node;
    private final boolean directory;
    private final int grantedAccess;
    private @Nullable NodeId parent;
    private String name;
    private String path;
    private boolean deleteOnClose;
    private long position;
    private boolean written;
    private @Nullable DcerpcPipe pipe;
    private volatile @Nullable OpenHandle handle;
    private volatile @Nullable Lease lease;
    private @Nullable ChangeWatch watch;
    private final ByteRangeLocks locks;
    private java.time.Duration durableTimeout = java.time.Duration.ZERO;
    private byte @Nullable [] createGuid;
    private volatile @Nullable String parentCaching;
    private volatile boolean persistent;

    // Directory enumeration (QUERY_DIRECTORY): pattern, where the listing stands, entries read
    // but not yet returned, and whether "." and ".." were sent.
    private @Nullable String searchPattern;
    private long cookie;
    private long cookieVerifier;
    private boolean listingDone;
    private boolean dotsSent;
    private boolean anyReturned;
    private final Deque<DirectoryEntry> pending = new ArrayDeque<>();

    public Open(
            FileId fileId,
            TreeConnect tree,
            NodeId node,
            boolean directory,
            int grantedAccess,
            @Nullable NodeId parent,
            String name,
            String path) {
        this.fileId = fileId;
        this.tree = tree;
        this.node = node;
        this.directory = directory;
        this.grantedAccess = grantedAccess;
        this.parent = parent;
        this.name = name;
        this.path = path;
        this.locks = new ByteRangeLocks(fileId.persistent());
    }

    /**
     * This open taken over by a reconnected client (MS-SMB2 3.3.5.9.7): the same file, persistent
     * FileId, share reservation, lease and locks, on the new connection's tree with a new
     * volatile FileId.
     */
    public static Open reconnected(Open old, long volatileId, TreeConnect tree) {
        Open o = new Open(
                new FileId(old.fileId.persistent(), volatileId),
                tree,
                old.node,
                old.directory,
                old.grantedAccess,
                old.parent(),
                old.name(),
                old.path());
        o.handle = old.handle;
        o.deleteOnClose = old.deleteOnClose();
        o.written = old.written();
        o.durableTimeout = old.durableTimeout;
        o.createGuid = old.createGuid;
        o.persistent = old.persistent;
        o.locks.adopt(old.locks);
        Lease l = old.lease;
        if (l != null) {
            synchronized (l) {
                l.opens.remove(old);
                l.opens.add(o);
            }
            o.lease = l;
        }
        return o;
    }

    /** How long the open outlives a lost connection; zero when it is not durable. */
    public synchronized java.time.Duration durableTimeout() {
        return durableTimeout;
    }

    /** The CreateGuid of a v2 durable handle, or {@code null}. */
    public synchronized byte @Nullable [] createGuid() {
        return createGuid == null ? null : createGuid.clone();
    }

    public synchronized void makeDurable(java.time.Duration timeout, byte @Nullable [] guid) {
        durableTimeout = timeout;
        createGuid = guid == null ? null : guid.clone();
    }

    /** Whether this is a persistent handle (MS-SMB2 3.3.5.9.10), saved in its share's state records. */
    public boolean isPersistent() {
        return persistent;
    }

    public void persistent(boolean v) {
        persistent = v;
    }

    /** The holder of the directory lease this open's lease names as its parent (ParentLeaseKey), or {@code null}. */
    public @Nullable String parentCaching() {
        return parentCaching;
    }

    public void parentCaching(@Nullable String holder) {
        parentCaching = holder;
    }

    /** The byte-range locks this open holds. */
    public ByteRangeLocks locks() {
        return locks;
    }

    /** An open of a named pipe on IPC$ (no file behind it). */
    public static Open pipe(FileId fileId, TreeConnect tree, DcerpcPipe pipe, String name) {
        Open o = new Open(fileId, tree, new NodeId(0, 0), false, 0, null, name, name);
        o.pipe = pipe;
        return o;
    }

    /** The RPC endpoint when this is a named pipe open, else {@code null}. */
    public @Nullable DcerpcPipe pipe() {
        return pipe;
    }

    /** The file as the runtime's lock manager and open table know it. */
    public FileKey fileKey() {
        var share = tree.share();
        return new FileKey(share == null ? 0 : share.id(), node.fileId());
    }

    /** This open's entry in the runtime's open table; {@code null} for a pipe. */
    public @Nullable OpenHandle handle() {
        return handle;
    }

    public void attach(OpenHandle h) {
        handle = h;
    }

    /** The change watch of this directory open, made at the first CHANGE_NOTIFY. */
    public synchronized ChangeWatch watch(java.util.function.Supplier<ChangeWatch> make) {
        if (watch == null) {
            watch = make.get();
        }
        return watch;
    }

    /** Ends the change watch, if any (the open is closing). */
    public void closeWatch() {
        ChangeWatch w;
        synchronized (this) {
            w = watch;
            watch = null;
        }
        if (w != null) {
            w.close();
        }
    }

    /** The oplock or lease this open holds caching under, or {@code null}. */
    @Nullable
    Lease lease() {
        return lease;
    }

    void lease(Lease l) {
        lease = l;
    }

    public FileId fileId() {
        return fileId;
    }

    public TreeConnect tree() {
        return tree;
    }

    public NodeId node() {
        return node;
    }

    public boolean isDirectory() {
        return directory;
    }

    public int grantedAccess() {
        return grantedAccess;
    }

    /** The parent directory, {@code null} for the share root. */
    public synchronized @Nullable NodeId parent() {
        return parent;
    }

    public synchronized String name() {
        return name;
    }

    /** The path from the share root, with backslashes, as last opened or renamed. */
    public synchronized String path() {
        return path;
    }

    public synchronized void renamed(NodeId newParent, String newName, String newPath) {
        parent = newParent;
        name = newName;
        path = newPath;
    }

    public synchronized boolean deleteOnClose() {
        return deleteOnClose;
    }

    public synchronized void setDeleteOnClose(boolean v) {
        deleteOnClose = v;
    }

    /** Whether unstable writes went through this open (CLOSE commits them). */
    public synchronized boolean written() {
        return written;
    }

    public synchronized void markWritten() {
        written = true;
    }

    public synchronized long position() {
        return position;
    }

    public synchronized void setPosition(long p) {
        position = p;
    }

    /** The enumeration state of a directory open; callers hold the open's monitor. */
    public Search search() {
        return new Search();
    }

    /** A view of the enumeration fields; use inside {@code synchronized (open)}. */
    public final class Search {
        public @Nullable String pattern() {
            return searchPattern;
        }

        public void restart(String pattern) {
            searchPattern = pattern;
            cookie = 0;
            cookieVerifier = 0;
            listingDone = false;
            dotsSent = false;
            anyReturned = false;
            pending.clear();
        }

        public long cookie() {
            return cookie;
        }

        public long verifier() {
            return cookieVerifier;
        }

        public void advance(long newCookie, long verifier, boolean done) {
            cookie = newCookie;
            cookieVerifier = verifier;
            listingDone = done;
        }

        public boolean listingDone() {
            return listingDone;
        }

        public boolean dotsSent() {
            return dotsSent;
        }

        public void dotsSent(boolean v) {
            dotsSent = v;
        }

        public boolean anyReturned() {
            return anyReturned;
        }

        public void returned() {
            anyReturned = true;
        }

        public Deque<DirectoryEntry> pending() {
            return pending;
        }
    }
}
