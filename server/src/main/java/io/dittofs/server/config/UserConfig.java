package io.dittofs.server.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An account. Give {@code password} (hashed at load, never kept in memory as text) or
 * {@code passwordHash} (an Argon2id PHC string); SMB needs {@code password} to derive the NT hash.
 */
public record UserConfig(
        String name,
        Integer uid,
        Integer gid,
        @Nullable List<Integer> groups,
        @Nullable String password,
        @Nullable String passwordHash) {

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", uid=" + uid + "]"; // never print credentials
    }
}
