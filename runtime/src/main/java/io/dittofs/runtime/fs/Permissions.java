package io.dittofs.runtime.fs;

import io.dittofs.runtime.acl.AceMask;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.XattrReader;
import java.util.Optional;

/**
 * POSIX permission checks on mode bits (owner, group, other), as Linux applies them, or on the
 * file's ACL when it has one (RFC 8881 section 6.2.1: the mode then only summarizes it). Every
 * check reads the stored ACL in the caller's transaction ({@link StoredAcls}), so it sees the
 * same state as the rest of the operation.
 */
final class Permissions {
    static final int R = 4;
    static final int W = 2;
    static final int X = 1;

    static final int SETUID = 04000;
    static final int SETGID = 02000;
    static final int STICKY = 01000;

    private Permissions() {}

    /**
     * Whether {@code p} has all of {@code want} (R/W/X bits) on {@code node}. The superuser has
     * read and write on everything, and execute where any execute bit is set or on directories.
     */
    static boolean has(Principal p, XattrReader r, Inode node, int want) {
        if (p.isRoot()) {
            if ((want & X) == 0 || node.isDirectory()) {
                return true;
            }
            return (node.mode() & 0111) != 0;
        }
        return StoredAcls.of(r, node)
                .map(acl -> acl.allows(p, node.uid(), node.gid(), rightsOf(want)))
                .orElseGet(() -> (classBits(p, node) & want) == want);
    }

    /**
     * The ACE rights an R/W/X check asks for: READ_DATA (LIST_DIRECTORY), WRITE_DATA (ADD_FILE;
     * also what removing and renaming in a directory ask, rather than DELETE_CHILD, so ACLs and
     * mode bits decide alike) and EXECUTE (search).
     */
    static int rightsOf(int want) {
        return ((want & R) != 0 ? AceMask.READ_DATA : 0)
                | ((want & W) != 0 ? AceMask.WRITE_DATA : 0)
                | ((want & X) != 0 ? AceMask.EXECUTE : 0);
    }

    /** The rwx bits of the class (owner, group or other) that {@code p} falls in. */
    static int classBits(Principal p, Inode node) {
        int mode = node.mode();
        if (p.uid() == node.uid()) {
            return (mode >> 6) & 7;
        }
        if (p.inGroup(node.gid())) {
            return (mode >> 3) & 7;
        }
        return mode & 7;
    }

    static void require(Principal p, XattrReader r, Inode node, int want, String what) {
        if (!has(p, r, node, want)) {
            throw new FsException(ErrorCode.ACCESS_DENIED, what + " denied to uid " + p.uid());
        }
    }

    /**
     * Reading or writing an existing file's data: like {@link #require}, but the owner may always
     * do it. NFS is stateless, so a client that legitimately opened a file it owns (then chmod'ed
     * it, or created it read-only, as {@code cp -p} and {@code tar} do) must still be able to
     * write; Linux's knfsd grants the same owner override for the same reason.
     */
    static void requireForData(Principal p, XattrReader r, Inode node, int want, String what) {
        if (p.uid() != node.uid()) {
            require(p, r, node, want, what);
        }
    }

    /**
     * The check before looking a name up to remove it: write and search on a directory without an
     * ACL (so a refusal comes before "no such name", as POSIX has it), search only on one with an
     * ACL, where {@link #requireDeletable} decides once the entry is known.
     */
    static void requireBeforeDelete(Principal p, XattrReader r, Inode dir, String what) {
        require(p, r, dir, StoredAcls.of(r, dir).isPresent() ? X : W | X, what);
    }

    /**
     * Removing (or renaming away) {@code victim} from {@code dir}, RFC 8881 section 6.2.1.3.2:
     * ACE4_DELETE_CHILD allowed on the directory, or ACE4_DELETE allowed on the file while the
     * directory does not explicitly deny ACE4_DELETE_CHILD, permits it (with search on the
     * directory); an explicit deny of DELETE_CHILD on the directory, or of DELETE on the file
     * where the directory does not allow DELETE_CHILD, refuses it; otherwise, and always without
     * ACLs, write and search on the directory decide, as the mode does. The sticky bit applies
     * on top, as before.
     */
    static void requireDeletable(Principal p, XattrReader r, Inode dir, Inode victim, String what) {
        if (p.isRoot()) {
            return;
        }
        Optional<Boolean> child =
                StoredAcls.of(r, dir).flatMap(a -> a.decides(p, dir.uid(), dir.gid(), AceMask.DELETE_CHILD));
        Optional<Boolean> delete =
                StoredAcls.of(r, victim).flatMap(a -> a.decides(p, victim.uid(), victim.gid(), AceMask.DELETE));
        boolean childAllowed = child.orElse(false);
        boolean childDenied = !child.orElse(true);
        if (childAllowed || (delete.orElse(false) && !childDenied)) {
            require(p, r, dir, X, what);
            return;
        }
        if (childDenied || !delete.orElse(true)) {
            throw new FsException(ErrorCode.ACCESS_DENIED, what + " denied to uid " + p.uid() + " by the ACL");
        }
        require(p, r, dir, W | X, what);
    }

    static boolean isOwnerOrRoot(Principal p, Inode node) {
        return p.isRoot() || p.uid() == node.uid();
    }

    static void requireOwner(Principal p, Inode node, String what) {
        if (!isOwnerOrRoot(p, node)) {
            throw new FsException(ErrorCode.NOT_PERMITTED, what + ": uid " + p.uid() + " does not own the file");
        }
    }

    /**
     * In a sticky directory, only the file's owner, the directory's owner or the superuser may
     * remove or rename an entry (the restricted deletion flag).
     */
    static void requireStickyAllows(Principal p, Inode dir, Inode victim) {
        if ((dir.mode() & STICKY) != 0 && !p.isRoot() && p.uid() != dir.uid() && p.uid() != victim.uid()) {
            throw new FsException(ErrorCode.ACCESS_DENIED, "sticky directory: uid " + p.uid() + " may not remove");
        }
    }

    /**
     * The mode after a non-superuser writes to or truncates a file: setuid is cleared, and setgid
     * when group execute is set (otherwise setgid means mandatory locking and stays), as Linux does.
     */
    static int afterUnprivilegedWrite(Principal p, Inode node) {
        if (p.isRoot() || node.type() != FileType.REGULAR) {
            return node.mode();
        }
        return clearSetIds(node.mode());
    }

    static int clearSetIds(int mode) {
        int cleared = mode & ~SETUID;
        if ((mode & 0010) != 0) {
            cleared &= ~SETGID;
        }
        return cleared;
    }

    /** The access bits of {@link Access} granted to {@code p} on {@code node}. */
    static int granted(Principal p, XattrReader r, Inode node, boolean readOnly) {
        int bits = 0;
        if (has(p, r, node, R)) {
            bits |= Access.READ;
        }
        boolean w = has(p, r, node, W);
        boolean x = has(p, r, node, X);
        if (node.isDirectory()) {
            if (x) {
                bits |= Access.LOOKUP;
            }
            if (w && x && !readOnly) {
                bits |= Access.MODIFY | Access.EXTEND | Access.DELETE;
            }
        } else {
            if (w && !readOnly) {
                bits |= Access.MODIFY | Access.EXTEND;
            }
            if (x) {
                bits |= Access.EXECUTE;
            }
        }
        return bits;
    }
}
