package io.dittofs.smb.auth;

import io.dittofs.runtime.identity.User;
import org.jspecify.annotations.Nullable;

/**
 * Who a SESSION_SETUP established.
 *
 * @param kind a user, a guest or the anonymous (null) session
 * @param user the account when {@code kind} is USER
 * @param name the name the client gave (for logs)
 */
public record AuthenticatedIdentity(Kind kind, @Nullable User user, String name) {
    /** How the session was established. */
    public enum Kind {
        USER,
        GUEST,
        ANONYMOUS
    }

    public static AuthenticatedIdentity user(User u) {
        return new AuthenticatedIdentity(Kind.USER, u, u.name());
    }
}
