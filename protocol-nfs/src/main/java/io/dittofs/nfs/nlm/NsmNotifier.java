package io.dittofs.nfs.nlm;

import io.dittofs.nfs.client.PortmapClient;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a start, tells every host that held locks that this server rebooted (SM_NOTIFY to the
 * host's status monitor, found through its portmapper; XNFS chapter 11), so that it reclaims its
 * locks during the grace period.
 *
 * <pre>
 * struct stat_chge { string mon_name&lt;SM_MAXSTRLEN&gt;; int state; };
 * </pre>
 *
 * <p>Threading: {@link #notifyAll(NlmHosts, int)} starts one virtual thread per host.
 */
public final class NsmNotifier {
    private static final Logger log = LoggerFactory.getLogger(NsmNotifier.class);
    private static final OpaqueAuth SERVER = new AuthSysParms(0, "dittofs", 0, 0, new int[0]).toCredential();

    private final int clientPortmapPort;
    private final @Nullable String serverName;
    private final Duration timeout;

    /**
     * @param serverName the name clients know this server by (what they mounted); null: the
     *     address each client reached it on
     */
    public NsmNotifier(int clientPortmapPort, @Nullable String serverName, Duration timeout) {
        this.clientPortmapPort = clientPortmapPort;
        this.serverName = serverName;
        this.timeout = timeout;
    }

    /** Notifies every recorded host, in the background. */
    public void notifyAll(NlmHosts hosts, int state) {
        for (NlmHosts.Host h : hosts.all()) {
            Thread.ofVirtual().name("nsm-notify-" + h.callerName()).start(() -> notify(h, state));
        }
    }

    /** Sends one SM_NOTIFY; returns whether the host's status monitor answered. */
    public boolean notify(NlmHosts.Host host, int state) {
        String monName = serverName != null ? serverName : host.serverAddress().getHostAddress();
        try {
            int port;
            try (RpcClient pmap =
                    RpcClient.connect(new InetSocketAddress(host.address(), clientPortmapPort), 64 * 1024, timeout)) {
                port = new PortmapClient(pmap).getPort(Nlm4.NSM_PROGRAM, Nlm4.NSM_VERSION);
            }
            if (port == 0) {
                log.info("host {} has no status monitor over TCP: not notified", host);
                return false;
            }
            try (RpcClient nsm = RpcClient.connect(new InetSocketAddress(host.address(), port), 64 * 1024, timeout)) {
                nsm.call(
                        Nlm4.NSM_PROGRAM,
                        Nlm4.NSM_VERSION,
                        Nlm4.SM_NOTIFY,
                        SERVER,
                        out -> out.writeString(monName).writeInt(state),
                        in -> null);
            }
            log.info("told {} that this server restarted (state {})", host, state);
            return true;
        } catch (IOException | RuntimeException e) {
            log.info("SM_NOTIFY to {} failed: {}", host, e.toString());
            return false;
        }
    }
}
