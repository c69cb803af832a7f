package io.dittofs.nfs.portmap;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One program version the portmapper reports: served over TCP at {@code port}.
 *
 * @param program RPC program number
 * @param version its version
 * @param port TCP port
 * @param owner rpcbind r_owner (the service's name)
 */
public record Registration(int program, int version, int port, String owner) {

    /**
     * The universal address (RFC 1833 section 2.2, RFC 5665 section 5.2.3.3) of this
     * registration at {@code host}: "h1.h2.h3.h4.p1.p2" for IPv4, "x:..:x.p1.p2" for IPv6.
     */
    public String universalAddress(InetAddress host) {
        return host.getHostAddress() + "." + (port >> 8) + "." + (port & 0xFF);
    }

    /** The netid of a client connected over {@code local}: "tcp" or "tcp6". */
    public static String netid(InetSocketAddress local) {
        return local.getAddress() instanceof java.net.Inet6Address ? "tcp6" : "tcp";
    }
}
