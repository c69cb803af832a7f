package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback path of a minor version 0 client (RFC 7530 sections 10.2.1 and 16.33): the server
 * connects to the address the client gave in SETCLIENTID (cb_client4: program, netid, universal
 * address) and calls the callback program there, version 1 (section 17). After
 * SETCLIENTID_CONFIRM the path is probed with CB_NULL; only a client whose probe answered gets
 * delegations, and CB_RECALL goes over the same connection (reconnected once if it dropped).
 *
 * <p>Threading: probe and calls block their caller, a virtual thread, never an event loop (the
 * connection has its own); one connects at a time; the connection and the outcome of the probe
 * are volatile, and {@link #close} never waits.
 */
public final class Callback40 {
    private static final Logger log = LoggerFactory.getLogger(Callback40.class);
    /** NFS_CB's version number (RFC 7530 section 17). */
    static final int CB_VERSION = 1;

    private static final int CB_NULL = 0;
    private static final int CB_COMPOUND = 1;
    private static final int MAX_REPLY = 64 * 1024;
    private static final OpaqueAuth SYS = new AuthSysParms(0, "dittofs", 0, 0, new int[0]).toCredential();
    private static final byte[] TAG = "recall".getBytes(StandardCharsets.US_ASCII);

    private final long clientId;
    private final int program;
    private final InetSocketAddress target;
    private final int ident;
    private final Duration timeout;
    private final CompletableFuture<Boolean> probed = new CompletableFuture<>();
    private final Object connecting = new Object();
    private volatile @Nullable RpcClient connection;
    private volatile boolean closed;

    Callback40(long clientId, int program, InetSocketAddress target, int ident, Duration timeout) {
        this.clientId = clientId;
        this.program = program;
        this.target = target;
        this.ident = ident;
        this.timeout = timeout;
    }

    /** SETCLIENTID's callback as given: program, r_netid, r_addr and callback_ident. */
    public record Address(int program, String netid, String addr, int ident) {}

    /**
     * The socket address of a universal address (RFC 5665 section 5.2.3: {@code h1.h2.h3.h4.p1.p2}
     * for tcp, the IPv6 text and {@code .p1.p2} for tcp6), or null when it is not one over TCP.
     */
    static @Nullable InetSocketAddress parse(String netid, String addr) {
        if (!netid.equals("tcp") && !netid.equals("tcp6")) {
            return null;
        }
        int last = addr.lastIndexOf('.');
        int before = last < 0 ? -1 : addr.lastIndexOf('.', last - 1);
        if (before <= 0) {
            return null;
        }
        String host = addr.substring(0, before);
        boolean v6 = netid.equals("tcp6");
        if (v6 != host.contains(":") || (!v6 && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return null; // a literal address only: a name here would mean a DNS lookup
        }
        try {
            int p1 = Integer.parseInt(addr.substring(before + 1, last));
            int p2 = Integer.parseInt(addr.substring(last + 1));
            if (p1 < 0 || p1 > 255 || p2 < 0 || p2 > 255) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByName(host), p1 * 256 + p2);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }

    InetSocketAddress target() {
        return target;
    }

    /** Connects and sends CB_NULL; completes {@link #probed} with the outcome. */
    void probe() {
        boolean ok = connected() != null;
        if (ok) {
            log.debug("NFSv4.0 client {}: callback path {} up", Long.toHexString(clientId), target);
        }
        probed.complete(ok);
    }

    /** Whether the probe answered; waits for a probe still running up to {@code wait}. */
    boolean up(Duration wait) {
        try {
            return probed.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The open connection, after a CB_NULL on a new one answered; null when the path is down. */
    private @Nullable RpcClient connected() {
        synchronized (connecting) {
            return connectedLocked();
        }
    }

    private @Nullable RpcClient connectedLocked() {
        RpcClient c = connection;
        if (c != null && c.isOpen()) {
            return c;
        }
        if (closed) {
            return null;
        }
        try {
            c = RpcClient.connect(target, MAX_REPLY, timeout);
        } catch (IOException e) {
            log.info(
                    "NFSv4.0 client {}: callback path {} down ({}): no delegations for it",
                    Long.toHexString(clientId),
                    target,
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            return null;
        }
        try {
            c.call(program, CB_VERSION, CB_NULL, SYS, out -> {}, in -> null);
        } catch (RuntimeException e) {
            log.info(
                    "NFSv4.0 client {}: CB_NULL to {} failed ({}): no delegations for it",
                    Long.toHexString(clientId),
                    target,
                    e.toString());
            c.close();
            return null;
        }
        connection = c;
        if (closed) { // closed while connecting: close() may not have seen this connection
            connection = null;
            c.close();
            return null;
        }
        return c;
    }

    /** CB_COMPOUND with CB_RECALL of {@code d}; true when the client accepted it. */
    boolean recall(DelegState d) {
        RpcClient c = connected();
        if (c == null) {
            return false;
        }
        ByteBuf reply;
        try {
            reply = c.await(c.callAsync(program, CB_VERSION, CB_COMPOUND, SYS, out -> {
                out.writeOpaque(TAG).writeInt(0).writeInt(ident).writeInt(1);
                CallbackClient.writeRecall(out, d);
            }));
        } catch (RuntimeException e) {
            log.info("CB_RECALL to NFSv4.0 client {} failed: {}", Long.toHexString(clientId), e.toString());
            return false;
        }
        return CallbackClient.accepted(reply);
    }

    /** The client is gone: the connection closes and no call is made any more. Never waits for a connect. */
    void close() {
        closed = true;
        RpcClient c = connection;
        connection = null;
        probed.complete(false);
        if (c != null) {
            c.close();
        }
    }
}
