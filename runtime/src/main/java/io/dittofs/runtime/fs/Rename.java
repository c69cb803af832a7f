package io.dittofs.runtime.fs;

import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import java.util.List;
import java.util.Optional;

/**
 * One rename inside its metadata transaction, by the rules of POSIX rename(2): an existing target
 * is replaced (a file by a file, an empty directory by a directory), a directory never moves into
 * its own subtree, two links of one file rename to nothing, and link counts and times follow.
 */
final class Rename {
    private final PosixFileSystem fs;
    private final MetadataWriter w;
    private final Principal p;
    private final long now;
    private final List<Inode> freed;

    Rename(PosixFileSystem fs, MetadataWriter w, Principal p, long now, List<Inode> freed) {
        this.fs = fs;
        this.w = w;
        this.p = p;
        this.now = now;
        this.freed = freed;
    }

    RenameResult run(NodeId fromDirId, String fromName, NodeId toDirId, String toName) {
        Inode from = fs.loadDirectory(w, fromDirId);
        Inode to = fs.loadDirectory(w, toDirId);
        Permissions.requireBeforeDelete(p, w, from, "rename from");
        Permissions.require(p, w, to, Permissions.W | Permissions.X, "rename to");
        DirEntry srcEntry = w.entry(from.fileId(), fromName).orElseThrow(() -> PosixFileSystem.notFound(fromName));
        Inode src = PosixFileSystem.child(w, srcEntry);
        Permissions.requireDeletable(p, w, from, src, "rename from");
        Permissions.requireStickyAllows(p, from, src);
        boolean sameDir = from.fileId() == to.fileId();
        Optional<DirEntry> dstEntry = w.entry(to.fileId(), toName);
        Inode dst = dstEntry.isPresent() ? PosixFileSystem.child(w, dstEntry.get()) : null;
        if (dst != null && dst.fileId() == src.fileId()) {
            // Both names are links to the same file: POSIX says do nothing and succeed.
            DirectoryChange same = new DirectoryChange(fs.attributes(from).wcc(), fs.attributes(from));
            return new RenameResult(same, sameDir ? same : unchanged(to), null);
        }
        if (src.isDirectory()) {
            requireNotIntoItself(src, to);
            if (!sameDir) {
                // Moving a directory rewrites its "..": Linux requires write permission on it.
                Permissions.require(p, w, src, Permissions.W, "move directory");
            }
        }
        int toLinkDelta = 0;
        if (dst != null) {
            checkReplaceable(src, dst, to);
            w.removeEntry(to.fileId(), toName);
            if (dst.isDirectory()) {
                toLinkDelta--;
            }
            fs.unlink(w, dst, now, freed);
        }
        w.removeEntry(from.fileId(), fromName);
        w.putEntry(to.fileId(), toName, src.fileId());
        int fromLinkDelta = 0;
        Inode.Builder moved = src.toBuilder().ctime(now).change(PosixFileSystem.nextChange(src, now));
        if (src.isDirectory() && !sameDir) {
            moved.parentId(to.fileId());
            fromLinkDelta--;
            toLinkDelta++;
        }
        w.putInode(moved.build());
        if (sameDir) {
            Inode after = PosixFileSystem.touched(
                    from.toBuilder().nlink(from.nlink() + toLinkDelta).build(), now);
            w.putInode(after);
            DirectoryChange c = fs.change(from, after);
            return new RenameResult(c, c, dst == null ? null : PosixFileSystem.idOf(dst));
        }
        Inode fromAfter = PosixFileSystem.touched(
                from.toBuilder().nlink(from.nlink() + fromLinkDelta).build(), now);
        Inode toAfter = PosixFileSystem.touched(
                to.toBuilder().nlink(to.nlink() + toLinkDelta).build(), now);
        w.putInode(fromAfter);
        w.putInode(toAfter);
        return new RenameResult(
                fs.change(from, fromAfter), fs.change(to, toAfter), dst == null ? null : PosixFileSystem.idOf(dst));
    }

    private void checkReplaceable(Inode src, Inode dst, Inode to) {
        Permissions.requireStickyAllows(p, to, dst);
        if (src.isDirectory() && !dst.isDirectory()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY, "cannot replace a non-directory with a directory");
        }
        if (!src.isDirectory() && dst.isDirectory()) {
            throw new FsException(ErrorCode.IS_DIRECTORY, "cannot replace a directory with a non-directory");
        }
        if (dst.isDirectory() && w.hasEntries(dst.fileId())) {
            throw new FsException(ErrorCode.NOT_EMPTY, "target directory is not empty");
        }
    }

    /** Refuses to move {@code dir} under itself: walks up from the target to the root. */
    private void requireNotIntoItself(Inode dir, Inode target) {
        Inode cur = target;
        while (true) {
            if (cur.fileId() == dir.fileId()) {
                throw new FsException(ErrorCode.INVALID_ARGUMENT, "cannot move a directory into itself");
            }
            if (cur.fileId() == MetadataStore.ROOT_ID || cur.parentId() == cur.fileId()) {
                return;
            }
            long parent = cur.parentId();
            cur = w.inode(parent)
                    .orElseThrow(() -> new FsException(ErrorCode.IO_ERROR, "broken parent chain at " + parent));
        }
    }

    private DirectoryChange unchanged(Inode d) {
        return new DirectoryChange(fs.attributes(d).wcc(), fs.attributes(d));
    }
}
