package io.dittofs.nfs.rpc;

import io.dittofs.runtime.auth.AuthContext;
import java.net.InetSocketAddress;

/**
 * Turns a call's credential and verifier into an {@link AuthContext}, or refuses it with an
 * {@link RpcAuthException}. The seam where RPCSEC_GSS (RFC 2203) plugs in: it will need the
 * verifier and will answer with its own reply verifier.
 */
public interface RpcAuthenticator {
    AuthContext authenticate(OpaqueAuth credential, OpaqueAuth verifier, InetSocketAddress client);
}
