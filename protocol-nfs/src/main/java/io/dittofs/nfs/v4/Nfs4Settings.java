package io.dittofs.nfs.v4;

import java.time.Duration;

/**
 * Settings of the NFSv4 server.
 *
 * @param maxReadSize largest READ served (clamped further by each share)
 * @param maxWriteSize largest WRITE accepted
 * @param lease how long a client's state lives without renewal (RFC 7530 section 9.5)
 * @param grace how long after a restart clients that held state may reclaim it
 * @param domain the NFSv4 id-mapping domain of owner strings ({@code name@domain})
 * @param writeVerifier the write verifier of this server instance
 */
public record Nfs4Settings(
        int maxReadSize, int maxWriteSize, Duration lease, Duration grace, String domain, long writeVerifier) {

    public Nfs4Settings {
        if (lease.toSeconds() < 1 || grace.isNegative()) {
            throw new IllegalArgumentException("lease " + lease + ", grace " + grace);
        }
    }

    public int leaseSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, lease.toSeconds());
    }
}
