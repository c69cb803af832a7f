package io.dittofs.runtime.identity;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user account of the server.
 *
 * @param name login name
 * @param uid POSIX user id
 * @param gid primary group id
 * @param groups supplementary group ids
 * @param passwordHash a slow password hash in PHC string form (see {@code io.dittofs.crypto}),
 *     or {@code null} for an account that cannot log in with a password
 * @param ntHash the NT hash (MD4 of the UTF-16LE password) that NTLM needs, or {@code null}
 */
public record User(
        String name,
        int uid,
        int gid,
        List<Integer> groups,
        @Nullable String passwordHash,
        byte @Nullable [] ntHash) {

    public User {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
        ntHash = ntHash == null ? null : ntHash.clone();
    }

    @Override
    public byte @Nullable [] ntHash() {
        return ntHash == null ? null : ntHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u
                && u.name.equals(name)
                && u.uid == uid
                && u.gid == gid
                && u.groups.equals(groups)
                && Objects.equals(u.passwordHash, passwordHash)
                && java.util.Arrays.equals(u.ntHash, ntHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, uid, gid);
    }

    @Override
    public String toString() {
        // Never print credentials.
        return "User[name=" + name + ", uid=" + uid + ", gid=" + gid + ", groups=" + groups + "]";
    }
}
