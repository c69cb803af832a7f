package io.dittofs.runtime.fs;

import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.XattrReader;
import org.jspecify.annotations.Nullable;

/** Who may change which attribute, and what else changes with it (chmod(2), chown(2), utimensat(2)). */
final class AttributeRules {
    private AttributeRules() {}

    /**
     * A new inode as {@code p} creates it in {@code parent}: owned by the caller, with the
     * parent's group when the parent is setgid (and setgid inherited by new directories), then
     * {@code initial} applied under the usual rules.
     */
    static Inode.Builder newInode(
            long fileId,
            int generation,
            FileType type,
            Principal p,
            XattrReader r,
            Inode parent,
            SetAttributes initial,
            int defaultMode,
            long now) {
        boolean inheritGroup = (parent.mode() & Permissions.SETGID) != 0;
        Integer requested = initial.mode();
        int mode = requested != null ? requested & Inode.MODE_MASK : defaultMode;
        if (inheritGroup && type == FileType.DIRECTORY) {
            mode |= Permissions.SETGID;
        }
        Inode base = Inode.builder(fileId, generation, type)
                .mode(mode)
                .uid(p.uid())
                .gid(inheritGroup ? parent.gid() : p.gid())
                .nlink(1)
                .allTimes(now)
                .change(now)
                .symlinkTarget(type == FileType.SYMLINK ? "" : null)
                .build();
        Inode applied = apply(p, r, base, initial.withMode(null), now);
        return applied.toBuilder().symlinkTarget(null);
    }

    /**
     * {@code cur} with {@code changes} applied by {@code p}, or an FsException when {@code p} may
     * not make one of them. A size change is only recorded here; the caller truncates content.
     */
    static Inode apply(Principal p, XattrReader r, Inode cur, SetAttributes changes, long now) {
        Inode.Builder b = cur.toBuilder();
        int mode = cur.mode();
        Integer newMode = changes.mode();
        if (newMode != null) {
            Permissions.requireOwner(p, cur, "chmod");
            mode = newMode & Inode.MODE_MASK;
            if (!p.isRoot() && cur.type() != FileType.DIRECTORY && !p.inGroup(cur.gid())) {
                mode &= ~Permissions.SETGID; // as Linux: no setgid for a group you are not in
            }
        }
        Integer uid = changes.uid();
        Integer gid = changes.gid();
        boolean uidChanges = uid != null && uid != cur.uid();
        boolean gidChanges = gid != null && gid != cur.gid();
        if (uidChanges && !p.isRoot()) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "only the superuser changes a file's owner");
        }
        if (gidChanges && !p.isRoot() && !(p.uid() == cur.uid() && p.inGroup(gid))) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "the owner may only change the group to one of theirs");
        }
        if (uidChanges) {
            b.uid(uid);
        }
        if (gidChanges) {
            b.gid(gid);
        }
        if ((uidChanges || gidChanges) && cur.type() != FileType.DIRECTORY) {
            mode = Permissions.clearSetIds(mode);
        }
        Long size = changes.size();
        if (size != null && size != cur.size()) {
            b.size(size).mtime(now);
            if (!p.isRoot() && cur.type() == FileType.REGULAR) {
                mode = Permissions.clearSetIds(mode);
            }
        }
        Long atime = newTime(p, r, cur, changes.atime(), now);
        if (atime != null) {
            b.atime(atime);
        }
        Long mtime = newTime(p, r, cur, changes.mtime(), now);
        if (mtime != null) {
            b.mtime(mtime);
        }
        Long birth = changes.birthtime();
        Integer dos = changes.dosAttributes();
        if (birth != null || dos != null) {
            if (!Permissions.isOwnerOrRoot(p, cur) && !Permissions.has(p, r, cur, Permissions.W)) {
                throw new FsException(ErrorCode.ACCESS_DENIED, "setting file attributes needs write access");
            }
            if (birth != null) {
                b.birthtime(birth);
            }
            if (dos != null) {
                b.dosAttributes(dos);
            }
        }
        return b.mode(mode)
                .ctime(now)
                .change(PosixFileSystem.nextChange(cur, now))
                .build();
    }

    /**
     * utimensat(2): setting a time to "now" needs ownership or write permission; setting it to a
     * given value needs ownership.
     */
    private static @Nullable Long newTime(Principal p, XattrReader r, Inode cur, @Nullable SetTime t, long now) {
        return switch (t) {
            case null -> null;
            case SetTime.ServerTime s -> {
                if (!Permissions.isOwnerOrRoot(p, cur) && !Permissions.has(p, r, cur, Permissions.W)) {
                    throw new FsException(ErrorCode.ACCESS_DENIED, "setting times needs ownership or write access");
                }
                yield now;
            }
            case SetTime.At at -> {
                Permissions.requireOwner(p, cur, "setting explicit times");
                yield at.nanos();
            }
        };
    }
}
