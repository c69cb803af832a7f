package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import java.net.InetSocketAddress;

/**
 * AUTH_NONE and AUTH_SYS (RFC 5531 section 10 and appendix A). AUTH_SYS identities are asserted
 * by the client, never verified; AUTH_NONE callers run as nobody. Every other flavor, RPCSEC_GSS
 * included until Kerberos lands, is refused with AUTH_BADCRED.
 */
public final class SysAuthenticator implements RpcAuthenticator {
    private static final Principal NOBODY = Principal.of(Principal.NOBODY, Principal.NOBODY);

    private final Protocol protocol;

    public SysAuthenticator(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public AuthContext authenticate(OpaqueAuth credential, OpaqueAuth verifier, InetSocketAddress client) {
        return switch (credential.flavor()) {
            case Rpc.AUTH_NONE -> new AuthContext(NOBODY, protocol, AuthFlavor.NONE, client);
            case Rpc.AUTH_SYS -> {
                // Appendix A: "The verifier accompanying the credential should have AUTH_NONE flavor".
                if (verifier.flavor() != Rpc.AUTH_NONE) {
                    throw new RpcAuthException(Rpc.AUTH_BADVERF, "AUTH_SYS with verifier flavor " + verifier.flavor());
                }
                AuthSysParms p;
                try {
                    p = AuthSysParms.fromCredential(credential);
                } catch (XdrException e) {
                    throw new RpcAuthException(Rpc.AUTH_BADCRED, "malformed AUTH_SYS credential: " + e.getMessage());
                }
                Principal principal = new Principal(p.uid(), p.gid(), p.gids(), null);
                yield new AuthContext(principal, protocol, AuthFlavor.UNIX, client);
            }
            default -> throw new RpcAuthException(Rpc.AUTH_BADCRED, "unsupported flavor " + credential.flavor());
        };
    }
}
