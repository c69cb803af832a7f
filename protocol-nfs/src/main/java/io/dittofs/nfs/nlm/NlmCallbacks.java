package io.dittofs.nfs.nlm;

import io.dittofs.nfs.client.PortmapClient;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.xdr.XdrEncodable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a client that a lock it waited for is now its own: NLMPROC4_GRANTED to the client's lock
 * manager, found through the client's portmapper. If the callback cannot be delivered the lock
 * stays granted; the client's periodic retry of the blocked LOCK then succeeds at once, since an
 * owner never conflicts with itself.
 *
 * <p>Threading: stateless; each callback runs on the calling (virtual) thread.
 */
public final class NlmCallbacks {
    private static final Logger log = LoggerFactory.getLogger(NlmCallbacks.class);
    private static final OpaqueAuth SERVER = new AuthSysParms(0, "dittofs", 0, 0, new int[0]).toCredential();

    private final int clientPortmapPort;
    private final Duration timeout;

    /** @param clientPortmapPort where clients' portmappers listen (111) */
    public NlmCallbacks(int clientPortmapPort, Duration timeout) {
        this.clientPortmapPort = clientPortmapPort;
        this.timeout = timeout;
    }

    /** Sends GRANTED for {@code args}; returns whether the client acknowledged it. */
    public boolean granted(InetAddress client, Nlm4Args.Test args) {
        return call(client, Nlm4.NLMPROC4_GRANTED, args, true);
    }

    /**
     * Sends the result of an asynchronous request back as a call of {@code resProcedure}
     * (TEST_RES, LOCK_RES, ...), which has no result of its own; returns whether it was delivered.
     */
    public boolean sendResult(InetAddress client, int resProcedure, XdrEncodable result) {
        return call(client, resProcedure, result, false);
    }

    private boolean call(InetAddress client, int procedure, XdrEncodable args, boolean expectRes) {
        try {
            int port;
            try (RpcClient pmap =
                    RpcClient.connect(new InetSocketAddress(client, clientPortmapPort), 64 * 1024, timeout)) {
                port = new PortmapClient(pmap).getPort(Nlm4.PROGRAM, Nlm4.VERSION);
            }
            if (port == 0) {
                log.info("client {} has no NLM v4 over TCP registered: procedure {} not sent", client, procedure);
                return false;
            }
            try (RpcClient nlm = RpcClient.connect(new InetSocketAddress(client, port), 64 * 1024, timeout)) {
                if (!expectRes) {
                    nlm.call(Nlm4.PROGRAM, Nlm4.VERSION, procedure, SERVER, args, in -> null);
                    return true;
                }
                Nlm4Args.Res res = nlm.call(Nlm4.PROGRAM, Nlm4.VERSION, procedure, SERVER, args, Nlm4Args.Res::decode);
                return res.stat() == Nlm4.NLM4_GRANTED;
            }
        } catch (IOException | RuntimeException e) {
            log.info("NLM callback {} to {} failed: {}", procedure, client, e.toString());
            return false;
        }
    }
}
