package io.dittofs.runtime.fs;

import org.jspecify.annotations.Nullable;

/**
 * The attributes a SETATTR or a create asks to set; {@code null} leaves a field alone.
 *
 * @param mode new permission bits ({@code 07777})
 * @param uid new owner
 * @param gid new group
 * @param size new size (truncate or extend)
 * @param atime new access time
 * @param mtime new modification time
 * @param birthtime new creation time (SMB), nanoseconds since the epoch
 * @param dosAttributes new FILE_ATTRIBUTE_* bits (SMB)
 */
public record SetAttributes(
        @Nullable Integer mode,
        @Nullable Integer uid,
        @Nullable Integer gid,
        @Nullable Long size,
        @Nullable SetTime atime,
        @Nullable SetTime mtime,
        @Nullable Long birthtime,
        @Nullable Integer dosAttributes) {

    public static final SetAttributes NONE = new SetAttributes(null, null, null, null, null, null, null, null);

    public static SetAttributes mode(int mode) {
        return NONE.withMode(mode);
    }

    public SetAttributes withMode(@Nullable Integer v) {
        return new SetAttributes(v, uid, gid, size, atime, mtime, birthtime, dosAttributes);
    }

    public SetAttributes withOwner(@Nullable Integer newUid, @Nullable Integer newGid) {
        return new SetAttributes(mode, newUid, newGid, size, atime, mtime, birthtime, dosAttributes);
    }

    public SetAttributes withSize(@Nullable Long v) {
        return new SetAttributes(mode, uid, gid, v, atime, mtime, birthtime, dosAttributes);
    }

    public SetAttributes withTimes(@Nullable SetTime newAtime, @Nullable SetTime newMtime) {
        return new SetAttributes(mode, uid, gid, size, newAtime, newMtime, birthtime, dosAttributes);
    }

    public SetAttributes withBirthtime(@Nullable Long v) {
        return new SetAttributes(mode, uid, gid, size, atime, mtime, v, dosAttributes);
    }

    public SetAttributes withDosAttributes(@Nullable Integer v) {
        return new SetAttributes(mode, uid, gid, size, atime, mtime, birthtime, v);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
