package io.dittofs.runtime.share;

import io.dittofs.runtime.auth.Principal;
import java.util.Map;

/**
 * Per-user and per-group access to a share, on top of file permissions: a rule for the caller's
 * uid wins; otherwise the most permissive rule among the caller's groups (primary and
 * supplementary) applies; with no matching rule the share is as open as its options say.
 *
 * @param users access by uid
 * @param groups access by gid
 */
public record ShareAccess(Map<Integer, Level> users, Map<Integer, Level> groups) {
    /** No rules: everyone the share admits may read and (unless read-only) write. */
    public static final ShareAccess OPEN = new ShareAccess(Map.of(), Map.of());

    /** What a rule grants. */
    public enum Level {
        NONE,
        READ,
        WRITE
    }

    public ShareAccess {
        users = Map.copyOf(users);
        groups = Map.copyOf(groups);
    }

    /** The caller's level: WRITE when no rule matches. */
    public Level of(Principal p) {
        Level user = users.get(p.uid());
        if (user != null) {
            return user;
        }
        Level best = null;
        Level primary = groups.get(p.gid());
        if (primary != null) {
            best = primary;
        }
        for (int g : p.groups()) {
            Level l = groups.get(g);
            if (l != null && (best == null || l.compareTo(best) > 0)) {
                best = l;
            }
        }
        return best == null ? Level.WRITE : best;
    }
}
