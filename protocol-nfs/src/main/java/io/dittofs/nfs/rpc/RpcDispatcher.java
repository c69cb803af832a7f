package io.dittofs.nfs.rpc;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.metrics.ProtocolMetrics;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of one RPC server shares: the programs served, how callers are
 * authenticated, where request work runs, the duplicate request cache, and the count of calls in
 * flight across connections (for draining on stop).
 *
 * <p>Threading: shared by every connection; the in-flight counter is atomic and the queue of
 * connections paused for the global limit is concurrent (each is resumed on its own event loop).
 */
public final class RpcDispatcher {
    private static final Principal NOBODY = Principal.of(Principal.NOBODY, Principal.NOBODY);

    private final Map<Integer, RpcProgram> programs = new HashMap<>();
    private final RpcAuthenticator authenticator;
    private final Executor executor;
    private final DuplicateRequestCache drc;
    private final int maxInFlightPerConnection;
    private final int maxInFlightTotal;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<RpcServerHandler> paused = new ConcurrentLinkedQueue<>();
    private volatile ProtocolMetrics metrics = ProtocolMetrics.NONE;

    /**
     * @param executor runs request work: a virtual thread per task in a server, a direct executor
     *     in codec tests
     * @param maxInFlightPerConnection calls one connection may have running before the server
     *     stops reading from it
     */
    public RpcDispatcher(
            List<RpcProgram> programs,
            RpcAuthenticator authenticator,
            Executor executor,
            DuplicateRequestCache drc,
            int maxInFlightPerConnection) {
        this(programs, authenticator, executor, drc, maxInFlightPerConnection, Integer.MAX_VALUE);
    }

    /**
     * @param maxInFlightTotal calls all connections together may have running before the server
     *     stops reading from the connections that want more
     */
    public RpcDispatcher(
            List<RpcProgram> programs,
            RpcAuthenticator authenticator,
            Executor executor,
            DuplicateRequestCache drc,
            int maxInFlightPerConnection,
            int maxInFlightTotal) {
        for (RpcProgram p : programs) {
            if (this.programs.put(p.program(), p) != null) {
                throw new IllegalArgumentException("program " + p.program() + " given twice");
            }
        }
        if (maxInFlightPerConnection < 1 || maxInFlightTotal < 1) {
            throw new IllegalArgumentException(
                    "maxInFlightPerConnection " + maxInFlightPerConnection + ", maxInFlightTotal " + maxInFlightTotal);
        }
        this.maxInFlightTotal = maxInFlightTotal;
        this.authenticator = authenticator;
        this.executor = executor;
        this.drc = drc;
        this.maxInFlightPerConnection = maxInFlightPerConnection;
    }

    /** Where each answered call is reported (see {@link RpcNames} for the names). */
    public RpcDispatcher withMetrics(ProtocolMetrics m) {
        this.metrics = m;
        return this;
    }

    ProtocolMetrics metrics() {
        return metrics;
    }

    /** A handler for one new connection. */
    public RpcServerHandler newHandler() {
        return new RpcServerHandler(this);
    }

    @Nullable
    RpcProgram program(int number) {
        return programs.get(number);
    }

    AuthContext authenticate(RpcProgram program, RpcCall call, InetSocketAddress client) {
        if (!program.authenticated()) {
            return new AuthContext(NOBODY, Protocol.NFS3, AuthFlavor.NONE, client);
        }
        return authenticator.authenticate(call.credential(), call.verifier(), client);
    }

    Executor executor() {
        return executor;
    }

    DuplicateRequestCache drc() {
        return drc;
    }

    int maxInFlightPerConnection() {
        return maxInFlightPerConnection;
    }

    int maxInFlightTotal() {
        return maxInFlightTotal;
    }

    AtomicInteger inFlightCounter() {
        return inFlight;
    }

    /** Remembers a connection that stopped reading because the server as a whole is saturated. */
    void pause(RpcServerHandler handler) {
        paused.add(handler);
    }

    /** Lets paused connections read again while the server is below its limit. */
    void resumePaused() {
        RpcServerHandler h;
        while (inFlight.get() < maxInFlightTotal && (h = paused.poll()) != null) {
            h.resume();
        }
    }

    /** Calls running now, over every connection. */
    public int inFlight() {
        return inFlight.get();
    }
}
