package io.dittofs.runtime.share;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address
 * is a network of one host.
 */
public record NetworkRange(InetAddress network, int prefixLength) {

    public NetworkRange {
        int max = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + max);
        }
    }

    /** Parses {@code address[/prefix]}; only literal addresses, never a host name lookup. */
    public static NetworkRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        if (addr.isEmpty() || !(addr.contains(":") || addr.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP address: '" + addr + "'");
        }
        try {
            InetAddress a = InetAddress.getByName(addr); // literal: no DNS lookup happens
            int prefix = slash < 0 ? a.getAddress().length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new NetworkRange(a, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a network: '" + cidr + "'", e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] net = network.getAddress();
        byte[] a = address.getAddress();
        if (a.length != net.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        if (!Arrays.equals(net, 0, fullBytes, a, 0, fullBytes)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (net[fullBytes] & mask) == (a[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
