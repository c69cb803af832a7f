package io.dittofs.runtime.auth;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking, from where, over what: carried by every runtime operation from the wire to
 * the store. Adapters build one per request (or per session) from what their protocol
 * authenticated; the runtime applies share options (squashing, read-only, networks) to it.
 *
 * @param principal the identity as the client presented it, before any squashing
 * @param protocol the protocol of the request
 * @param flavor how {@code principal} was established
 * @param client the client's address, when there is a network client
 */
public record AuthContext(
        Principal principal,
        Protocol protocol,
        AuthFlavor flavor,
        @Nullable InetSocketAddress client) {

    public AuthContext {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(flavor, "flavor");
    }

    /** A trusted in-process caller acting as {@code principal}: for the daemon itself and tests. */
    public static AuthContext internal(Principal principal) {
        return new AuthContext(principal, Protocol.INTERNAL, AuthFlavor.INTERNAL, null);
    }

    public AuthContext withPrincipal(Principal p) {
        return new AuthContext(p, protocol, flavor, client);
    }
}
