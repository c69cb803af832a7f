package io.dittofs.store.metadata;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file, directory, symlink or special file of a share. Times are nanoseconds since the Unix
 * epoch (negative before it).
 *
 * @param fileId the store-assigned id, never reused
 * @param generation a random number fixed at creation; together with {@code fileId} it names
 *     this inode for ever, so a handle of a deleted file goes stale rather than alias a new one
 * @param type what kind of inode this is
 * @param mode the permission bits and setuid/setgid/sticky ({@code 07777}); no type bits
 * @param uid owner
 * @param gid owning group
 * @param nlink hard links: names pointing here (for a directory: 2 + its subdirectories)
 * @param size bytes of content (for a symlink: length of its target in UTF-8)
 * @param atime last access
 * @param mtime last content change
 * @param ctime last change of content or attributes
 * @param birthtime creation
 * @param change a counter that grows with every change of content or attributes (NFSv4 change
 *     attribute); never goes backwards, also not across restarts
 * @param dosAttributes FILE_ATTRIBUTE_* bits kept for SMB (readonly, hidden, system, archive)
 * @param rdev device number of a block or character device ({@code major << 32 | minor}), else 0
 * @param parentId for a directory, the directory holding it (the root is its own parent); 0 for
 *     other types, which may have many parents
 * @param createVerifier the verifier of an exclusive create (NFSv3 EXCLUSIVE, NFSv4 EXCLUSIVE4),
 *     0 when none
 * @param symlinkTarget for a symlink, its target; {@code null} for other types
 */
public record Inode(
        long fileId,
        int generation,
        FileType type,
        int mode,
        int uid,
        int gid,
        int nlink,
        long size,
        long atime,
        long mtime,
        long ctime,
        long birthtime,
        long change,
        int dosAttributes,
        long rdev,
        long parentId,
        long createVerifier,
        @Nullable String symlinkTarget) {

    /** Permission bits plus setuid, setgid and sticky. */
    public static final int MODE_MASK = 07777;

    public Inode {
        Objects.requireNonNull(type, "type");
        if (fileId <= 0) {
            throw new IllegalArgumentException("fileId must be positive: " + fileId);
        }
        if ((mode & ~MODE_MASK) != 0) {
            throw new IllegalArgumentException("mode has bits outside 07777: " + Integer.toOctalString(mode));
        }
        if (nlink < 0 || size < 0) {
            throw new IllegalArgumentException("negative nlink or size");
        }
        if ((type == FileType.SYMLINK) != (symlinkTarget != null)) {
            throw new IllegalArgumentException("symlinkTarget is set exactly for symlinks");
        }
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(long fileId, int generation, FileType type) {
        return new Builder(fileId, generation, type);
    }

    /** Copies an inode with some fields changed; records have no withers. */
    public static final class Builder {
        private final long fileId;
        private final int generation;
        private final FileType type;
        private int mode;
        private int uid;
        private int gid;
        private int nlink;
        private long size;
        private long atime;
        private long mtime;
        private long ctime;
        private long birthtime;
        private long change;
        private int dosAttributes;
        private long rdev;
        private long parentId;
        private long createVerifier;
        private @Nullable String symlinkTarget;

        private Builder(long fileId, int generation, FileType type) {
            this.fileId = fileId;
            this.generation = generation;
            this.type = type;
        }

        private Builder(Inode i) {
            this(i.fileId, i.generation, i.type);
            mode = i.mode;
            uid = i.uid;
            gid = i.gid;
            nlink = i.nlink;
            size = i.size;
            atime = i.atime;
            mtime = i.mtime;
            ctime = i.ctime;
            birthtime = i.birthtime;
            change = i.change;
            dosAttributes = i.dosAttributes;
            rdev = i.rdev;
            parentId = i.parentId;
            createVerifier = i.createVerifier;
            symlinkTarget = i.symlinkTarget;
        }

        public Builder mode(int v) {
            mode = v;
            return this;
        }

        public Builder uid(int v) {
            uid = v;
            return this;
        }

        public Builder gid(int v) {
            gid = v;
            return this;
        }

        public Builder nlink(int v) {
            nlink = v;
            return this;
        }

        public Builder size(long v) {
            size = v;
            return this;
        }

        public Builder atime(long v) {
            atime = v;
            return this;
        }

        public Builder mtime(long v) {
            mtime = v;
            return this;
        }

        public Builder ctime(long v) {
            ctime = v;
            return this;
        }

        public Builder birthtime(long v) {
            birthtime = v;
            return this;
        }

        /** Sets all four times to {@code v}, as a new inode has them. */
        public Builder allTimes(long v) {
            atime = mtime = ctime = birthtime = v;
            return this;
        }

        public Builder change(long v) {
            change = v;
            return this;
        }

        public Builder dosAttributes(int v) {
            dosAttributes = v;
            return this;
        }

        public Builder rdev(long v) {
            rdev = v;
            return this;
        }

        public Builder parentId(long v) {
            parentId = v;
            return this;
        }

        public Builder createVerifier(long v) {
            createVerifier = v;
            return this;
        }

        public Builder symlinkTarget(@Nullable String v) {
            symlinkTarget = v;
            return this;
        }

        public Inode build() {
            return new Inode(
                    fileId,
                    generation,
                    type,
                    mode,
                    uid,
                    gid,
                    nlink,
                    size,
                    atime,
                    mtime,
                    ctime,
                    birthtime,
                    change,
                    dosAttributes,
                    rdev,
                    parentId,
                    createVerifier,
                    symlinkTarget);
        }
    }
}
