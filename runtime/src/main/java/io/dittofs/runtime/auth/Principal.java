package io.dittofs.runtime.auth;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The POSIX identity an operation runs as.
 *
 * @param uid user id; 0 is the superuser
 * @param gid primary group
 * @param groups supplementary groups (may include {@code gid}); sorted, so membership is a binary
 *     search
 * @param name the user name when known
 */
public record Principal(
        int uid, int gid, int[] groups, @Nullable String name) {
    public static final int ROOT_UID = 0;
    /** The conventional "nobody" id that squashing maps to by default. */
    public static final int NOBODY = 65534;

    public static final Principal ROOT = new Principal(0, 0, new int[0], "root");

    public Principal {
        groups = groups.clone();
        Arrays.sort(groups);
    }

    public static Principal of(int uid, int gid, int... groups) {
        return new Principal(uid, gid, groups, null);
    }

    public boolean isRoot() {
        return uid == ROOT_UID;
    }

    /** Whether {@code group} is this principal's primary or a supplementary group. */
    public boolean inGroup(int group) {
        return group == gid || Arrays.binarySearch(groups, group) >= 0;
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Principal p
                && p.uid == uid
                && p.gid == gid
                && Arrays.equals(p.groups, groups)
                && java.util.Objects.equals(p.name, name);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uid + gid) + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "Principal[uid=" + uid + ", gid=" + gid + ", groups=" + Arrays.toString(groups)
                + (name == null ? "" : ", name=" + name) + "]";
    }
}
