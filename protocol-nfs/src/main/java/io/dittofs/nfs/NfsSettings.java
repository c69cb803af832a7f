package io.dittofs.nfs;

import io.dittofs.nfs.rpc.NettyTransport;
import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the NFS adapter serves. MOUNT, NLM and NSM share the NFS port: one TCP server dispatches by
 * RPC program, so clients need only {@code port=} and {@code mountport=} set to the same number
 * when they do without the portmapper (NLM needs the portmapper: Linux has no mount option for the
 * server's lock manager port, so mount with {@code nolock} when it is disabled).
 *
 * @param bindAddress the address to listen on
 * @param nfsPort the TCP port of NFS and MOUNT (2049 by convention; 0 picks a free one)
 * @param portmapPort the built-in portmapper's TCP port (111 by convention; 0 picks a free one;
 *     -1 disables it)
 * @param maxRecordSize largest RPC record accepted; a larger one closes the connection
 * @param maxReadSize largest READ served (FSINFO rtmax)
 * @param maxWriteSize largest WRITE accepted (FSINFO wtmax)
 * @param maxInFlightPerConnection calls one connection may have running before the server stops
 *     reading from it
 * @param maxInFlightTotal calls all connections together may have running before the server stops
 *     reading from the connections that want more
 * @param duplicateRequestCacheSize replies of non-idempotent calls remembered for retransmissions
 * @param lockGracePeriod after a start, how long NLM serves only lock reclaims
 * @param clientPortmapPort where clients' portmappers listen, for NLM GRANTED callbacks (111)
 * @param nsmName the name clients know this server by, sent in SM_NOTIFY after a restart (null:
 *     the address each client reached the server on; behind NAT, set it to the address clients
 *     mounted)
 * @param transport epoll, NIO, or epoll when available
 */
public record NfsSettings(
        InetAddress bindAddress,
        int nfsPort,
        int portmapPort,
        int maxRecordSize,
        int maxReadSize,
        int maxWriteSize,
        int maxInFlightPerConnection,
        int maxInFlightTotal,
        int duplicateRequestCacheSize,
        Duration lockGracePeriod,
        int clientPortmapPort,
        @Nullable String nsmName,
        NettyTransport.Kind transport) {

    public static final int PORTMAP_DISABLED = -1;

    /** Bytes a record may hold beyond its payload: the RPC header, credential and arguments. */
    private static final int HEADER_ROOM = 64 * 1024;

    public NfsSettings {
        checkPort("nfsPort", nfsPort);
        if (portmapPort != PORTMAP_DISABLED) {
            checkPort("portmapPort", portmapPort);
        }
        if (maxReadSize < 4096 || maxWriteSize < 4096) {
            throw new IllegalArgumentException("maxReadSize and maxWriteSize must be at least 4096");
        }
        if (maxRecordSize < maxWriteSize + 1024) {
            throw new IllegalArgumentException(
                    "maxRecordSize " + maxRecordSize + " cannot hold a WRITE of maxWriteSize " + maxWriteSize);
        }
        checkPort("clientPortmapPort", clientPortmapPort);
        java.util.Objects.requireNonNull(transport, "transport");
        if (lockGracePeriod.isNegative()) {
            throw new IllegalArgumentException("lockGracePeriod " + lockGracePeriod);
        }
        if (maxInFlightPerConnection < 1 || maxInFlightTotal < 1 || duplicateRequestCacheSize < 0) {
            throw new IllegalArgumentException("maxInFlightPerConnection and duplicateRequestCacheSize");
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " " + port + " out of 0..65535");
        }
    }

    /** Conventional ports on every address, 1 MiB transfers. */
    public static NfsSettings defaults() {
        return of(new java.net.InetSocketAddress(0).getAddress(), 2049, 111);
    }

    /**
     * 1 MiB transfers, 128 calls in flight per connection and 1024 in all, on the given ports, epoll
     * when available. No lock grace period: set one ({@link #withLocking}) when the adapter is given
     * a persistent {@link io.dittofs.nfs.nlm.NlmHosts}, so that notified clients can reclaim.
     */
    public static NfsSettings of(InetAddress bind, int nfsPort, int portmapPort) {
        int io = 1024 * 1024;
        return new NfsSettings(
                bind,
                nfsPort,
                portmapPort,
                io + HEADER_ROOM,
                io,
                io,
                128,
                1024,
                4096,
                Duration.ZERO,
                111,
                null,
                NettyTransport.Kind.AUTO);
    }

    public NfsSettings withMaxInFlightPerConnection(int v) {
        return new NfsSettings(
                bindAddress,
                nfsPort,
                portmapPort,
                maxRecordSize,
                maxReadSize,
                maxWriteSize,
                v,
                maxInFlightTotal,
                duplicateRequestCacheSize,
                lockGracePeriod,
                clientPortmapPort,
                nsmName,
                transport);
    }

    public NfsSettings withTransport(NettyTransport.Kind v) {
        return new NfsSettings(
                bindAddress,
                nfsPort,
                portmapPort,
                maxRecordSize,
                maxReadSize,
                maxWriteSize,
                maxInFlightPerConnection,
                maxInFlightTotal,
                duplicateRequestCacheSize,
                lockGracePeriod,
                clientPortmapPort,
                nsmName,
                v);
    }

    public NfsSettings withNsmName(@Nullable String v) {
        return new NfsSettings(
                bindAddress,
                nfsPort,
                portmapPort,
                maxRecordSize,
                maxReadSize,
                maxWriteSize,
                maxInFlightPerConnection,
                maxInFlightTotal,
                duplicateRequestCacheSize,
                lockGracePeriod,
                clientPortmapPort,
                v,
                transport);
    }

    public NfsSettings withLocking(Duration gracePeriod, int clientPortmap) {
        return new NfsSettings(
                bindAddress,
                nfsPort,
                portmapPort,
                maxRecordSize,
                maxReadSize,
                maxWriteSize,
                maxInFlightPerConnection,
                maxInFlightTotal,
                duplicateRequestCacheSize,
                gracePeriod,
                clientPortmap,
                nsmName,
                transport);
    }

    public NfsSettings withMaxRecordSize(int v) {
        return new NfsSettings(
                bindAddress,
                nfsPort,
                portmapPort,
                v,
                maxReadSize,
                maxWriteSize,
                maxInFlightPerConnection,
                maxInFlightTotal,
                duplicateRequestCacheSize,
                lockGracePeriod,
                clientPortmapPort,
                nsmName,
                transport);
    }
}
