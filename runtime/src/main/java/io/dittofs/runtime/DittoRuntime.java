package io.dittofs.runtime;

import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.metrics.ProtocolMetrics;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.runtime.share.ShareRegistry;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * What protocol adapters are handed: the shares, the identities, the shared lock manager and
 * the shared open-file table.
 * It composes; it implements no operation itself (those live in each share's
 * {@link io.dittofs.runtime.fs.FileSystem}).
 */
public final class DittoRuntime {
    private final ShareRegistry shares;
    private final Identities identities;
    private final LockManager locks;
    private final OpenTable opens = new OpenTable();
    private final long bootVerifier;
    private final ProtocolMetrics metrics;

    public DittoRuntime(ShareRegistry shares, Identities identities, LockManager locks) {
        this(shares, identities, locks, ProtocolMetrics.NONE);
    }

    public DittoRuntime(ShareRegistry shares, Identities identities, LockManager locks, ProtocolMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics);
        this.shares = Objects.requireNonNull(shares);
        this.identities = Objects.requireNonNull(identities);
        this.locks = Objects.requireNonNull(locks);
        // Unstable writes live in memory until committed: a new verifier per process start
        // tells NFS clients to resend what they had not committed (RFC 1813 section 3.3.7).
        this.bootVerifier = new SecureRandom().nextLong();
    }

    public ShareRegistry shares() {
        return shares;
    }

    public Identities identities() {
        return identities;
    }

    public LockManager locks() {
        return locks;
    }

    /** Where adapters report each request they answered. */
    public ProtocolMetrics metrics() {
        return metrics;
    }

    /** Every open file of every share, with share modes and caching grants, for all protocols. */
    public OpenTable opens() {
        return opens;
    }

    /** A value that differs for every start of the server: the NFS write verifier. */
    public long bootVerifier() {
        return bootVerifier;
    }
}
