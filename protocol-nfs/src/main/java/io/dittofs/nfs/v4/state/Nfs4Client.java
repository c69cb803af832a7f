package io.dittofs.nfs.v4.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One client as the server knows it (RFC 7530 section 9.1.1, RFC 8881 section 2.4): its
 * long-lived owner id and boot verifier, the short client id the server gave it, its lease, and
 * its open and lock owners.
 *
 * <p>Threading: the lease time and the 4.0 callback path are volatile; everything else is guarded by this object's monitor,
 * which every change of this client's state holds.
 */
public final class Nfs4Client {
    private final long id;
    private final byte[] ownerId;
    private final long verifier;
    private final int minorVersion;
    private final long confirmVerifier;
    private volatile long lastRenewNanos;
    private boolean confirmed;
    private boolean expired;
    private boolean reclaimComplete;
    /** Whether this client held state before the server restarted, and so may reclaim it. */
    private final boolean mayReclaim;

    private int createSessionSeq;
    private @Nullable Object lastCreateSessionReply;

    final Map<OwnerKey, OpenOwner> openOwners = new HashMap<>();
    final Map<OwnerKey, LockOwnerState> lockOwners = new HashMap<>();
    final Set<Session> sessions = new HashSet<>();
    final List<DelegState> delegations = new ArrayList<>();
    /** Minor version 0: where to call back (SETCLIENTID), null when the client gave none usable. */
    volatile @Nullable Callback40 callback40;
    /** Whether a grant has waited once for the callback probe (see {@link StateManager#grantRead}). */
    volatile boolean probeAwaited;

    Nfs4Client(
            long id,
            byte[] ownerId,
            long verifier,
            int minorVersion,
            long confirmVerifier,
            boolean mayReclaim,
            long now) {
        this.id = id;
        this.ownerId = ownerId.clone();
        this.verifier = verifier;
        this.minorVersion = minorVersion;
        this.confirmVerifier = confirmVerifier;
        this.mayReclaim = mayReclaim;
        this.lastRenewNanos = now;
        this.createSessionSeq = 0;
    }

    public long id() {
        return id;
    }

    public byte[] ownerId() {
        return ownerId.clone();
    }

    public long verifier() {
        return verifier;
    }

    public int minorVersion() {
        return minorVersion;
    }

    public long confirmVerifier() {
        return confirmVerifier;
    }

    /** The holder name of this client's opens in the runtime's open table. */
    public String holder() {
        return "nfs4:" + Long.toHexString(id);
    }

    void renew(long now) {
        lastRenewNanos = now;
    }

    long lastRenewNanos() {
        return lastRenewNanos;
    }

    public synchronized boolean confirmed() {
        return confirmed;
    }

    synchronized void confirm() {
        confirmed = true;
    }

    public synchronized boolean expired() {
        return expired;
    }

    synchronized void expire() {
        expired = true;
    }

    public boolean mayReclaim() {
        return mayReclaim;
    }

    public synchronized boolean reclaimComplete() {
        return reclaimComplete;
    }

    synchronized void completeReclaim() {
        reclaimComplete = true;
    }

    synchronized int createSessionSeq() {
        return createSessionSeq;
    }

    synchronized void createSessionDone(int seq, Object reply) {
        createSessionSeq = seq;
        lastCreateSessionReply = reply;
    }

    synchronized @Nullable Object lastCreateSessionReply() {
        return lastCreateSessionReply;
    }

    synchronized boolean hasState() {
        return !delegations.isEmpty() || openOwners.values().stream().anyMatch(o -> !o.opens.isEmpty());
    }
}
