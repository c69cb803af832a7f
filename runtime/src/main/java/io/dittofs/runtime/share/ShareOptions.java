package io.dittofs.runtime.share;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a share is served.
 *
 * @param readOnly every change is refused with READ_ONLY
 * @param squash which callers are mapped to {@code anonUid}/{@code anonGid}
 * @param anonUid uid squashed callers run as
 * @param anonGid gid squashed callers run as
 * @param allowedNetworks clients allowed to use the share; empty allows every client
 * @param requireReservedPort NFS "secure": clients must connect from a port below 1024
 * @param guestAccess SMB clients without an account may use the share as the anonymous ids
 * @param protocols the protocols that serve the share
 * @param access per-user and per-group access on top of file permissions
 */
public record ShareOptions(
        boolean readOnly,
        Squash squash,
        int anonUid,
        int anonGid,
        List<NetworkRange> allowedNetworks,
        boolean requireReservedPort,
        boolean guestAccess,
        Set<Protocol> protocols,
        ShareAccess access) {

    public static final ShareOptions DEFAULTS = new ShareOptions(
            false,
            Squash.NONE,
            65534,
            65534,
            List.of(),
            false,
            false,
            Set.of(Protocol.NFS3, Protocol.NFS4, Protocol.SMB2));

    /** Options with no per-user or per-group rules. */
    public ShareOptions(
            boolean readOnly,
            Squash squash,
            int anonUid,
            int anonGid,
            List<NetworkRange> allowedNetworks,
            boolean requireReservedPort,
            boolean guestAccess,
            Set<Protocol> protocols) {
        this(
                readOnly,
                squash,
                anonUid,
                anonGid,
                allowedNetworks,
                requireReservedPort,
                guestAccess,
                protocols,
                ShareAccess.OPEN);
    }

    public ShareOptions {
        Objects.requireNonNull(squash, "squash");
        Objects.requireNonNull(access, "access");
        allowedNetworks = List.copyOf(allowedNetworks);
        protocols = Set.copyOf(protocols);
    }

    public ShareOptions withReadOnly(boolean v) {
        return new ShareOptions(
                v, squash, anonUid, anonGid, allowedNetworks, requireReservedPort, guestAccess, protocols, access);
    }

    public ShareOptions withSquash(Squash v) {
        return new ShareOptions(
                readOnly, v, anonUid, anonGid, allowedNetworks, requireReservedPort, guestAccess, protocols, access);
    }

    public ShareOptions withAllowedNetworks(List<NetworkRange> v) {
        return new ShareOptions(
                readOnly, squash, anonUid, anonGid, v, requireReservedPort, guestAccess, protocols, access);
    }

    public ShareOptions withAccess(ShareAccess v) {
        return new ShareOptions(
                readOnly, squash, anonUid, anonGid, allowedNetworks, requireReservedPort, guestAccess, protocols, v);
    }

    /** Whether {@code p} may not change anything: the share is read-only, or its rule for p is READ. */
    public boolean readOnlyFor(Principal p) {
        return readOnly || access.of(p) == ShareAccess.Level.READ;
    }

    /** Whether {@code protocol} serves the share and the client's address may use it. */
    public boolean admits(Protocol protocol, InetSocketAddress client) {
        if (!protocols.contains(protocol)) {
            return false;
        }
        return allowedNetworks.isEmpty() || allowedNetworks.stream().anyMatch(n -> n.contains(client.getAddress()));
    }

    /**
     * Checks that share {@code shareName} admits the caller (protocol and network) and returns the
     * context with squashing applied.
     */
    public AuthContext admit(String shareName, AuthContext ctx) {
        InetSocketAddress client = ctx.client();
        if (client != null && !admits(ctx.protocol(), client)) {
            throw new FsException(
                    ErrorCode.ACCESS_DENIED,
                    "share '" + shareName + "' does not admit " + ctx.protocol() + " from " + client);
        }
        Principal p = ctx.principal();
        boolean squashed =
                switch (squash) {
                    case NONE -> false;
                    case ROOT -> p.isRoot() || p.gid() == 0;
                    case ALL -> true;
                };
        if (!squashed) {
            return checkAccess(shareName, ctx);
        }
        if (squash == Squash.ROOT && !p.isRoot()) {
            // root_squash maps gid 0 alone when the user is not root (exports(5)).
            return checkAccess(shareName, ctx.withPrincipal(new Principal(p.uid(), anonGid, p.groups(), p.name())));
        }
        return checkAccess(shareName, ctx.withPrincipal(new Principal(anonUid, anonGid, new int[0], null)));
    }

    private AuthContext checkAccess(String shareName, AuthContext ctx) {
        if (access.of(ctx.principal()) == ShareAccess.Level.NONE) {
            throw new FsException(
                    ErrorCode.ACCESS_DENIED,
                    "share '" + shareName + "' denies uid " + ctx.principal().uid());
        }
        return ctx;
    }
}
