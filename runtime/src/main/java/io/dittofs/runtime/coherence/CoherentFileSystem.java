package io.dittofs.runtime.coherence;

import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.CreateResult;
import io.dittofs.runtime.fs.DirectoryListing;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.FileType;
import io.dittofs.runtime.fs.FsInfo;
import io.dittofs.runtime.fs.FsStats;
import io.dittofs.runtime.fs.LinkResult;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.ReadResult;
import io.dittofs.runtime.fs.RemoveResult;
import io.dittofs.runtime.fs.RenameResult;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.SetAttributesResult;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.fs.StateEntry;
import io.dittofs.runtime.fs.WriteResult;
import io.dittofs.runtime.fs.XattrSetMode;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.BreakIntent;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.runtime.open.ParentCaching;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A share's file system as every adapter sees it: the operations of the wrapped one, plus
 *
 * <ul>
 *   <li><b>breaks before changes without an open</b>: an NFSv3 WRITE or size change breaks the
 *       read and write caching of every other holder ({@link BreakIntent#MODIFY}); an NFSv3
 *       mode or owner change breaks write and handle caching ({@link BreakIntent#ATTRIBUTES});
 *       an NFSv3 REMOVE or RENAME breaks write and handle caching of the file it removes,
 *       renames or replaces ({@link BreakIntent#NAMESPACE}). The change waits until the holders
 *       have acknowledged, at most {@code breakWait} (the holder's protocol revokes what is not
 *       acknowledged in time), and fails with TRY_LATER (NFS3ERR_JUKEBOX: the client retries)
 *       when they still hold it: it never goes ahead under someone's cache. SMB and NFSv4 break
 *       in their adapters (at OPEN, and NFSv4 also before its REMOVE, RENAME, SETATTR and
 *       anonymous WRITE), where the holder name is their client's and an NFSv4 client gets
 *       NFS4ERR_DELAY instead of a long wait.
 *   <li><b>directory caching breaks</b>: a name added, removed or renamed in a directory, or a
 *       change of the directory's or an entry's attributes, breaks the read caching other
 *       holders have on the directory (SMB directory leases, {@link BreakIntent#PARENT}); nobody
 *       waits for these. The holder bound to {@link ParentCaching#HOLDER} keeps its own.
 *   <li><b>change events</b>: names added, removed and renamed in a directory, and changes of an
 *       entry's data and attributes (writes, truncates, SETATTR, extended attributes), are
 *       published on {@link FsEvents}, for every protocol. A data or attribute change is reported
 *       under the name the file was last reached by ({@link KnownNames}); changes of files not
 *       named since the start are not reported.
 * </ul>
 *
 * <p>Threading: as the wrapped file system; a break wait blocks the calling (virtual) thread.
 */
public final class CoherentFileSystem implements FileSystem {
    private static final Logger LOG = LoggerFactory.getLogger(CoherentFileSystem.class);

    private final int shareId;
    private final FileSystem inner;
    private final OpenTable opens;
    private final FsEvents events;
    private final Duration breakWait;
    private final KnownNames names = new KnownNames(KNOWN_NAMES);

    /** How many files' names a share remembers for change events. */
    private static final int KNOWN_NAMES = 32_768;

    public CoherentFileSystem(int shareId, FileSystem inner, OpenTable opens, FsEvents events, Duration breakWait) {
        this.shareId = shareId;
        this.inner = inner;
        this.opens = opens;
        this.events = events;
        this.breakWait = breakWait;
    }

    /** The file system this one wraps. */
    public FileSystem inner() {
        return inner;
    }

    /** Protocols whose data changes come without an open: nothing broke caching for them yet. */
    private static boolean changesWithoutOpen(AuthContext ctx) {
        return ctx.protocol() == Protocol.NFS3;
    }

    /** Protocols whose removes, renames and attribute changes come without an open of the file. */
    private static boolean namespaceWithoutOpen(AuthContext ctx) {
        return ctx.protocol() == Protocol.NFS3;
    }

    private static String holder(AuthContext ctx) {
        return ctx.protocol().name().toLowerCase(java.util.Locale.ROOT) + ":" + ctx.client();
    }

    /** Breaks what {@code intent} on {@code node} invalidates and waits, bounded, for the holders. */
    private void breakAndWait(AuthContext ctx, NodeId node, BreakIntent intent) {
        FileKey file = new FileKey(shareId, node.fileId());
        CompletableFuture<Void> broken = opens.breakConflicting(file, holder(ctx), intent);
        if (broken.isDone()) {
            return;
        }
        try {
            broken.get(breakWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("caching of {} not given up within {}: the client is to retry", file, breakWait);
            throw new FsException(ErrorCode.TRY_LATER, "caching of " + file + " is being recalled");
        } catch (ExecutionException e) {
            LOG.debug("break of {} failed", file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FsException(ErrorCode.TRY_LATER, "interrupted waiting for a break");
        }
    }

    /** Breaks namespace caching of {@code name} in {@code dir}, when it exists and anything of this share is open. */
    private void breakName(AuthContext ctx, NodeId dir, String name) {
        if (!namespaceWithoutOpen(ctx) || opens.openCount(shareId) == 0) {
            return;
        }
        Attributes target;
        try {
            target = inner.lookup(ctx, dir, name);
        } catch (FsException e) {
            return; // the operation itself reports what is wrong
        }
        breakAndWait(ctx, target.id(), BreakIntent.NAMESPACE);
    }

    private void publish(NodeId dir, String name, FsChange.Action action, boolean isDirectory) {
        events.publish(new FsChange(shareId, dir, name, action, isDirectory));
    }

    /**
     * Breaks other holders' caching of directory {@code dir}'s listing, without waiting (MS-FSA
     * 2.1.4.12: a parent's break does not hold up the operation).
     */
    private void parentChanged(AuthContext ctx, NodeId dir) {
        if (opens.openCount(shareId) == 0) {
            return; // a directory lease lives only while an open of it does
        }
        String exempt = ParentCaching.HOLDER.isBound() ? ParentCaching.HOLDER.get() : holder(ctx);
        opens.breakConflicting(new FileKey(shareId, dir.fileId()), exempt, BreakIntent.PARENT);
    }

    /** Publishes that {@code changed} of {@code file} changed, under the name it was last reached by. */
    private void modified(Attributes file, int changed) {
        if (changed == 0 || events.listenerCount() == 0) {
            return;
        }
        KnownNames.Name n = names.of(file.id());
        if (n != null) {
            events.publish(new FsChange(
                    shareId, n.directory(), n.name(), FsChange.Action.MODIFIED, file.isDirectory(), changed));
        }
    }

    private Attributes seen(NodeId dir, String name, Attributes found) {
        names.seen(found.id(), dir, name);
        return found;
    }

    /** What a SETATTR of {@code changes} changes, as {@link FsChange} bits. */
    static int changedBy(SetAttributes changes) {
        int bits = 0;
        if (changes.size() != null) {
            bits |= FsChange.SIZE | FsChange.LAST_WRITE;
        }
        if (changes.mtime() != null) {
            bits |= FsChange.LAST_WRITE;
        }
        if (changes.atime() != null) {
            bits |= FsChange.LAST_ACCESS;
        }
        if (changes.birthtime() != null) {
            bits |= FsChange.CREATION;
        }
        if (changes.dosAttributes() != null) {
            bits |= FsChange.ATTRIBUTES;
        }
        if (changes.mode() != null || changes.uid() != null || changes.gid() != null) {
            bits |= FsChange.SECURITY;
        }
        return bits;
    }

    @Override
    public NodeId root() {
        return inner.root();
    }

    @Override
    public FsInfo info() {
        return inner.info();
    }

    @Override
    public Attributes getAttributes(AuthContext ctx, NodeId node) {
        return inner.getAttributes(ctx, node);
    }

    @Override
    public SetAttributesResult setAttributes(
            AuthContext ctx, NodeId node, SetAttributes changes, @Nullable Long ctimeGuard) {
        if (changes.size() != null && changesWithoutOpen(ctx)) {
            breakAndWait(ctx, node, BreakIntent.MODIFY);
        }
        if ((changes.mode() != null || changes.uid() != null || changes.gid() != null)
                && namespaceWithoutOpen(ctx)
                && opens.openCount(shareId) > 0
                && !inner.getAttributes(ctx, node).isDirectory()) {
            // A directory's caching (SMB directory leases) is broken by the PARENT break below
            // without waiting: no handle of a directory was checked for data access.
            breakAndWait(ctx, node, BreakIntent.ATTRIBUTES);
        }
        SetAttributesResult r = inner.setAttributes(ctx, node, changes, ctimeGuard);
        if (r.after().isDirectory()) {
            parentChanged(ctx, node);
        }
        KnownNames.Name n = names.of(node);
        if (n != null) {
            parentChanged(ctx, n.directory());
        }
        modified(r.after(), changedBy(changes));
        return r;
    }

    @Override
    public Attributes lookup(AuthContext ctx, NodeId dir, String name) {
        return seen(dir, name, inner.lookup(ctx, dir, name));
    }

    @Override
    public Attributes lookupIgnoringCase(AuthContext ctx, NodeId dir, String name) {
        return seen(dir, name, inner.lookupIgnoringCase(ctx, dir, name));
    }

    @Override
    public int access(AuthContext ctx, NodeId node, int requested) {
        return inner.access(ctx, node, requested);
    }

    @Override
    public String readLink(AuthContext ctx, NodeId node) {
        return inner.readLink(ctx, node);
    }

    @Override
    public ReadResult read(AuthContext ctx, NodeId node, long offset, int count) {
        return inner.read(ctx, node, offset, count);
    }

    @Override
    public WriteResult write(AuthContext ctx, NodeId node, long offset, ByteBuffer data, Stability stability) {
        if (changesWithoutOpen(ctx)) {
            breakAndWait(ctx, node, BreakIntent.MODIFY);
        }
        WriteResult r = inner.write(ctx, node, offset, data, stability);
        modified(
                r.after(), FsChange.LAST_WRITE | (r.after().size() != r.before().size() ? FsChange.SIZE : 0));
        return r;
    }

    @Override
    public Attributes commit(AuthContext ctx, NodeId node) {
        return inner.commit(ctx, node);
    }

    @Override
    public CreateResult createFile(AuthContext ctx, NodeId dir, String name, SetAttributes initial, CreateMode mode) {
        return created(ctx, dir, name, inner.createFile(ctx, dir, name, initial, mode));
    }

    @Override
    public CreateResult createDirectory(AuthContext ctx, NodeId dir, String name, SetAttributes initial) {
        return created(ctx, dir, name, inner.createDirectory(ctx, dir, name, initial));
    }

    @Override
    public CreateResult createSymlink(AuthContext ctx, NodeId dir, String name, String target, SetAttributes initial) {
        return created(ctx, dir, name, inner.createSymlink(ctx, dir, name, target, initial));
    }

    @Override
    public CreateResult createSpecial(
            AuthContext ctx, NodeId dir, String name, FileType type, long rdev, SetAttributes initial) {
        return created(ctx, dir, name, inner.createSpecial(ctx, dir, name, type, rdev, initial));
    }

    private CreateResult created(AuthContext ctx, NodeId dir, String name, CreateResult r) {
        seen(dir, name, r.created());
        if (!r.existed()) {
            parentChanged(ctx, dir);
            publish(dir, name, FsChange.Action.ADDED, r.created().isDirectory());
        }
        return r;
    }

    @Override
    public LinkResult link(AuthContext ctx, NodeId file, NodeId dir, String name) {
        LinkResult r = inner.link(ctx, file, dir, name);
        parentChanged(ctx, dir);
        publish(dir, name, FsChange.Action.ADDED, false);
        return r;
    }

    @Override
    public RemoveResult remove(AuthContext ctx, NodeId dir, String name) {
        breakName(ctx, dir, name);
        RemoveResult r = inner.remove(ctx, dir, name);
        parentChanged(ctx, dir);
        publish(dir, name, FsChange.Action.REMOVED, false);
        return r;
    }

    @Override
    public RemoveResult removeDirectory(AuthContext ctx, NodeId dir, String name) {
        breakName(ctx, dir, name);
        RemoveResult r = inner.removeDirectory(ctx, dir, name);
        parentChanged(ctx, dir);
        publish(dir, name, FsChange.Action.REMOVED, true);
        return r;
    }

    @Override
    public RenameResult rename(AuthContext ctx, NodeId fromDir, String fromName, NodeId toDir, String toName) {
        breakName(ctx, fromDir, fromName);
        breakName(ctx, toDir, toName);
        RenameResult r = inner.rename(ctx, fromDir, fromName, toDir, toName);
        parentChanged(ctx, fromDir);
        if (!toDir.equals(fromDir)) {
            parentChanged(ctx, toDir);
        }
        boolean isDirectory = renamed(ctx, toDir, toName);
        publish(fromDir, fromName, FsChange.Action.RENAMED_OLD_NAME, isDirectory);
        publish(toDir, toName, FsChange.Action.RENAMED_NEW_NAME, isDirectory);
        return r;
    }

    /** Notes the renamed entry's new name; returns whether it is a directory. */
    private boolean renamed(AuthContext ctx, NodeId dir, String name) {
        try {
            return seen(dir, name, inner.lookup(ctx, dir, name)).isDirectory();
        } catch (FsException e) {
            return false;
        }
    }

    @Override
    public DirectoryListing readDirectory(
            AuthContext ctx, NodeId dir, long cookie, long verifier, int maxEntries, boolean withAttributes) {
        return inner.readDirectory(ctx, dir, cookie, verifier, maxEntries, withAttributes);
    }

    @Override
    public byte[] getXattr(AuthContext ctx, NodeId node, String name) {
        return inner.getXattr(ctx, node, name);
    }

    @Override
    public List<String> listXattrs(AuthContext ctx, NodeId node) {
        return inner.listXattrs(ctx, node);
    }

    @Override
    public void setXattr(AuthContext ctx, NodeId node, String name, byte[] value, XattrSetMode mode) {
        inner.setXattr(ctx, node, name, value, mode);
        xattrChanged(ctx, node);
    }

    @Override
    public void removeXattr(AuthContext ctx, NodeId node, String name) {
        inner.removeXattr(ctx, node, name);
        xattrChanged(ctx, node);
    }

    private void xattrChanged(AuthContext ctx, NodeId node) {
        if (events.listenerCount() > 0) {
            modified(inner.getAttributes(ctx, node), FsChange.XATTRS);
        }
    }

    @Override
    public Acl getAcl(AuthContext ctx, NodeId node) {
        return inner.getAcl(ctx, node);
    }

    @Override
    public Attributes setAcl(AuthContext ctx, NodeId node, Acl acl) {
        Attributes after = inner.setAcl(ctx, node, acl);
        KnownNames.Name n = names.of(node);
        if (n != null) {
            parentChanged(ctx, n.directory());
        }
        modified(after, FsChange.SECURITY); // a new ACL is a security change (and sets the mode)
        return after;
    }

    @Override
    public FsStats statFs(AuthContext ctx) {
        return inner.statFs(ctx);
    }

    @Override
    public List<StateEntry> stateEntries(String kind) {
        return inner.stateEntries(kind);
    }

    @Override
    public void putStateEntry(String kind, byte[] key, byte[] value) {
        inner.putStateEntry(kind, key, value);
    }

    @Override
    public void removeStateEntry(String kind, byte[] key) {
        inner.removeStateEntry(kind, key);
    }

    @Override
    public void close() {
        inner.close();
    }
}
