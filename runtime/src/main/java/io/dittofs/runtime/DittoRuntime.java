package io.dittofs.runtime;

import io.dittofs.runtime.coherence.CoherentFileSystem;
import io.dittofs.runtime.coherence.FsEvents;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.metrics.ProtocolMetrics;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * What protocol adapters are handed: the shares, the identities, the shared lock manager and
 * the shared open-file table.
 * It composes; it implements no operation itself (those live in each share's
 * {@link io.dittofs.runtime.fs.FileSystem}).
 */
public final class DittoRuntime {
    /**
     * How long a change made without an open waits for caching holders to give up what it
     * breaks: MS-SMB2 3.3.2.1's oplock break acknowledgment timer (35 s), plus a margin for the
     * holder's own revocation to land first.
     */
    public static final Duration BREAK_WAIT = Duration.ofSeconds(36);

    private final ShareRegistry shares;
    private final Identities identities;
    private final LockManager locks;
    private final OpenTable opens = new OpenTable();
    private final FsEvents events = new FsEvents();
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
        shares.decorate(s -> s.fileSystem() instanceof CoherentFileSystem
                ? s
                : new Share(
                        s.name(),
                        s.id(),
                        s.options(),
                        new CoherentFileSystem(s.id(), s.fileSystem(), opens, events, BREAK_WAIT)));
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

    /** Changes of directory entries made over any protocol (SMB CHANGE_NOTIFY watches them). */
    public FsEvents events() {
        return events;
    }

    /** A value that differs for every start of the server: the NFS write verifier. */
    public long bootVerifier() {
        return bootVerifier;
    }
}
