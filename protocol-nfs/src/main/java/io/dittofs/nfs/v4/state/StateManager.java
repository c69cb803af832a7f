package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfs4Handle;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.Lock;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.lock.LockType;
import io.dittofs.runtime.open.BreakIntent;
import io.dittofs.runtime.open.Caching;
import io.dittofs.runtime.open.CachingGrant;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.runtime.open.OpenTable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NFSv4 state of the server: clients and their leases, sessions, open and lock stateids.
 * Share reservations live in the runtime's {@link OpenTable} and byte-range locks in its
 * {@link LockManager}, so SMB and NLM see them; this class keeps only what is NFSv4's own.
 *
 * <p>Client ids and stateids carry the server's epoch (its start time in seconds), so those of
 * an earlier instance are recognised as stale. After a restart, clients recorded in
 * {@link ClientRecords} may reclaim their opens and locks during the grace period; everybody
 * else's OPEN and LOCK get NFS4ERR_GRACE until it ends (RFC 7530 section 9.6.2).
 *
 * <p>Threading: lookups go through concurrent maps and never block; every change of one client's
 * state holds that client's monitor; client creation and confirmation synchronize on this object.
 */
public final class StateManager {
    private static final Logger log = LoggerFactory.getLogger(StateManager.class);

    private final int epoch;
    private final Duration lease;
    private final OpenTable opens;
    private final LockManager locks;
    private final ClientRecords records;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private final AtomicLong nextStateId = new AtomicLong(1);

    private final Map<Long, Nfs4Client> confirmed = new ConcurrentHashMap<>();
    private final Map<Long, Nfs4Client> unconfirmed = new ConcurrentHashMap<>();
    private final Map<OwnerKey, Nfs4Client> confirmedByOwner = new HashMap<>(); // guarded by this
    private final Map<OwnerKey, Nfs4Client> unconfirmedByOwner = new HashMap<>(); // guarded by this
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Object> states = new ConcurrentHashMap<>();
    private volatile long graceEndNanos;
    private volatile int reclaimsPending;

    /**
     * @param epoch identifies this server instance (its start time in seconds)
     * @param grace how long after start reclaims are served, when some client may reclaim
     * @param clock monotonic nanoseconds ({@link System#nanoTime} outside tests)
     */
    public StateManager(
            int epoch,
            Duration lease,
            Duration grace,
            OpenTable opens,
            LockManager locks,
            ClientRecords records,
            LongSupplier clock) {
        this.epoch = epoch;
        this.lease = lease;
        this.opens = opens;
        this.locks = locks;
        this.records = records;
        this.clock = clock;
        this.reclaimsPending = records.previousCount();
        long now = clock.getAsLong();
        this.graceEndNanos = reclaimsPending == 0 ? now : now + grace.toNanos();
    }

    public int epoch() {
        return epoch;
    }

    public Duration lease() {
        return lease;
    }

    // ---- grace (RFC 7530 section 9.6.2, RFC 8881 section 8.4.2) ----

    public boolean inGrace() {
        return reclaimsPending > 0 && clock.getAsLong() - graceEndNanos < 0;
    }

    /** Fails with NFS4ERR_GRACE during the grace period (a non-reclaim OPEN or LOCK). */
    public void refuseInGrace() {
        if (inGrace()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_GRACE, "in the grace period");
        }
    }

    /** Fails unless {@code client} may reclaim now. */
    public void checkReclaim(Nfs4Client client) {
        if (!inGrace() || client.reclaimComplete()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_NO_GRACE, "not in the grace period");
        }
        if (!client.mayReclaim()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_RECLAIM_BAD, "client held no state before the restart");
        }
    }

    /** RECLAIM_COMPLETE (RFC 8881 section 18.51). */
    public void reclaimComplete(Nfs4Client client) {
        synchronized (client) {
            if (client.reclaimComplete()) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_COMPLETE_ALREADY, "reclaim already complete");
            }
            client.completeReclaim();
        }
        if (client.mayReclaim()) {
            synchronized (this) {
                reclaimsPending--; // once every earlier client is done, the grace period ends early
            }
        }
    }

    // ---- client ids: minor version 0 (RFC 7530 sections 16.33, 16.34) ----

    /** SETCLIENTID without a usable callback: the client gets no delegations. */
    public Nfs4Client setClientId(byte[] ownerId, long verifier) {
        return setClientId(ownerId, verifier, null);
    }

    /**
     * SETCLIENTID: a new unconfirmed client record (section 16.33.5, simplified to its main cases)
     * with the callback address it gave, probed once confirmed.
     */
    public synchronized Nfs4Client setClientId(byte[] ownerId, long verifier, Callback40.@Nullable Address callback) {
        OwnerKey key = new OwnerKey(ownerId);
        Nfs4Client old = unconfirmedByOwner.remove(key);
        if (old != null) {
            unconfirmed.remove(old.id());
        }
        Nfs4Client current = confirmedByOwner.get(key);
        long id = current != null && current.verifier() == verifier ? current.id() : newClientId();
        Nfs4Client c = newClient(id, ownerId, verifier, 0);
        c.callback40 = callbackOf(id, callback);
        unconfirmed.put(id, c);
        unconfirmedByOwner.put(key, c);
        return c;
    }

    /** SETCLIENTID_CONFIRM. */
    public synchronized void confirmClientId(long clientId, long confirmVerifier) {
        checkEpoch(clientId);
        Nfs4Client u = unconfirmed.get(clientId);
        if (u == null || u.confirmVerifier() != confirmVerifier) {
            Nfs4Client c = confirmed.get(clientId);
            if (c != null && c.confirmVerifier() == confirmVerifier) {
                return; // a retransmission
            }
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_STALE_CLIENTID, "no such unconfirmed client id");
        }
        install(u);
    }

    private void install(Nfs4Client u) {
        OwnerKey key = new OwnerKey(u.ownerId());
        unconfirmed.remove(u.id());
        unconfirmedByOwner.remove(key);
        Nfs4Client previous = confirmedByOwner.get(key);
        if (previous != null && previous.id() == u.id()) {
            // The same client updating its callback: keep its state, use the new path.
            Callback40 old = previous.callback40;
            previous.callback40 = u.callback40;
            previous.probeAwaited = false;
            if (old != null) {
                old.close();
            }
            probe(previous);
            return;
        }
        if (previous != null) {
            log.info("NFSv4 client {} restarted: its earlier state is released", key);
            expire(previous);
        }
        u.confirm();
        u.renew(clock.getAsLong());
        confirmed.put(u.id(), u);
        confirmedByOwner.put(key, u);
        records.add(u.ownerId());
        probe(u);
    }

    // ---- the callback path of minor version 0 (RFC 7530 section 10.2.1) ----

    /** How long connecting and each callback may take. */
    private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(5);
    /** How long a client's first grant waits for the probe that SETCLIENTID_CONFIRM started. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(1);

    private @Nullable Callback40 callbackOf(long clientId, Callback40.@Nullable Address a) {
        if (a == null) {
            return null;
        }
        java.net.InetSocketAddress target = Callback40.parse(a.netid(), a.addr());
        if (target == null) {
            log.info(
                    "NFSv4.0 client {}: callback address {} {} is not one to call: no delegations for it",
                    Long.toHexString(clientId),
                    a.netid(),
                    a.addr());
            return null;
        }
        return new Callback40(clientId, a.program(), target, a.ident(), CALLBACK_TIMEOUT);
    }

    /** Starts the CB_NULL probe of a confirmed 4.0 client's callback path, off the caller's thread. */
    private static void probe(Nfs4Client c) {
        Callback40 cb = c.callback40;
        if (cb != null) {
            Thread.ofVirtual().name("nfs4-cb-probe").start(cb::probe);
        }
    }

    /** The confirmed client with this id; renews its lease. */
    public Nfs4Client client(long clientId) {
        checkEpoch(clientId);
        Nfs4Client c = confirmed.get(clientId);
        if (c == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_STALE_CLIENTID, "unknown client id " + Long.toHexString(clientId));
        }
        c.renew(clock.getAsLong());
        return c;
    }

    private void checkEpoch(long clientId) {
        if ((int) (clientId >>> 32) != epoch) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_STALE_CLIENTID, "client id of an earlier server instance");
        }
    }

    private long newClientId() {
        return ((long) epoch << 32) | (nextClientId.getAndIncrement() & 0xFFFF_FFFFL);
    }

    private Nfs4Client newClient(long id, byte[] ownerId, long verifier, int minor) {
        return new Nfs4Client(
                id, ownerId, verifier, minor, random.nextLong(), records.heldStateBefore(ownerId), clock.getAsLong());
    }

    // ---- client ids and sessions: minor version 1 (RFC 8881 sections 18.35 - 18.37, 18.50) ----

    /** What EXCHANGE_ID found or made. */
    public record Exchange(Nfs4Client client, boolean alreadyConfirmed) {}

    /** EXCHANGE_ID (section 18.35.5, the cases without state protection). */
    public synchronized Exchange exchangeId(byte[] ownerId, long verifier) {
        OwnerKey key = new OwnerKey(ownerId);
        Nfs4Client current = confirmedByOwner.get(key);
        if (current != null && current.verifier() == verifier) {
            current.renew(clock.getAsLong());
            return new Exchange(current, true);
        }
        Nfs4Client old = unconfirmedByOwner.remove(key);
        if (old != null) {
            unconfirmed.remove(old.id());
        }
        Nfs4Client c = newClient(newClientId(), ownerId, verifier, 1);
        unconfirmed.put(c.id(), c);
        unconfirmedByOwner.put(key, c);
        return new Exchange(c, false);
    }

    /** What CREATE_SESSION is to do. */
    public sealed interface SessionCreation {
        record Replay(Object reply) implements SessionCreation {}

        record Created(Session session) implements SessionCreation {}
    }

    /**
     * CREATE_SESSION (section 18.36.4): confirms the client on its first session; a retransmission
     * ({@code sequence} equal to the last) gets the last reply.
     */
    public synchronized SessionCreation createSession(
            long clientId, int sequence, int slots, int maxRequest, int maxResponse, int maxOps) {
        checkEpoch(clientId);
        Nfs4Client c = confirmed.get(clientId);
        if (c == null) {
            c = unconfirmed.get(clientId);
        }
        if (c == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_STALE_CLIENTID, "unknown client id " + Long.toHexString(clientId));
        }
        int last = c.createSessionSeq();
        Object cached = c.lastCreateSessionReply();
        if (sequence == last && cached != null) {
            return new SessionCreation.Replay(cached);
        }
        if (sequence != last + 1) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_SEQ_MISORDERED, "csa_sequence " + sequence + " after " + last);
        }
        if (!c.confirmed()) {
            install(c);
        }
        c.renew(clock.getAsLong());
        byte[] id = new byte[16];
        random.nextBytes(id);
        Slot[] table = new Slot[slots];
        for (int i = 0; i < slots; i++) {
            table[i] = new Slot();
        }
        Session s = new Session(id, c, table, maxRequest, maxResponse, maxOps, new CallbackPath());
        synchronized (c) {
            c.sessions.add(s);
        }
        sessions.put(s.key(), s);
        return new SessionCreation.Created(s);
    }

    /** eir_sequenceid: the csa_sequence the client's next CREATE_SESSION must carry. */
    public int nextCreateSessionSeq(Nfs4Client c) {
        return c.createSessionSeq() + 1;
    }

    /** Remembers CREATE_SESSION's reply for a retransmission. */
    public void createSessionReplied(Nfs4Client c, int sequence, Object reply) {
        c.createSessionDone(sequence, reply);
    }

    /** The session with this id: NFS4ERR_BADSESSION when there is none. */
    public Session session(byte[] id) {
        Session s = sessions.get(java.util.HexFormat.of().formatHex(id));
        if (s == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADSESSION, "unknown session");
        }
        return s;
    }

    /** Renews the lease of a session's client (SEQUENCE); NFS4ERR_BADSESSION when it expired. */
    public void renew(Session s) {
        if (s.client().expired()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADSESSION, "client expired");
        }
        s.client().renew(clock.getAsLong());
    }

    public void destroySession(byte[] id) {
        Session s = session(id);
        sessions.remove(s.key());
        synchronized (s.client()) {
            s.client().sessions.remove(s);
        }
    }

    /** DESTROY_CLIENTID (section 18.50): only once it has no sessions and no state. */
    public synchronized void destroyClientId(long clientId) {
        checkEpoch(clientId);
        Nfs4Client c = confirmed.get(clientId);
        if (c == null) {
            c = unconfirmed.remove(clientId);
            if (c == null) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_STALE_CLIENTID, "unknown client id");
            }
            unconfirmedByOwner.remove(new OwnerKey(c.ownerId()));
            return;
        }
        synchronized (c) {
            if (!c.sessions.isEmpty() || c.hasState()) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_CLIENTID_BUSY, "client has sessions or state");
            }
        }
        expire(c);
    }

    // ---- leases (RFC 7530 section 9.5) ----

    /** Releases the state of every client whose lease ran out; the adapter calls it periodically. */
    public void expireIdle() {
        long now = clock.getAsLong();
        long limit = lease.toNanos();
        for (Nfs4Client c : List.copyOf(confirmed.values())) {
            if (now - c.lastRenewNanos() > limit) {
                log.info("NFSv4 client {} let its lease expire: its state is released", Long.toHexString(c.id()));
                synchronized (this) {
                    expire(c);
                }
            }
        }
        for (Nfs4Client c : List.copyOf(unconfirmed.values())) {
            if (now - c.lastRenewNanos() > limit) {
                synchronized (this) {
                    unconfirmed.remove(c.id(), c);
                    unconfirmedByOwner.remove(new OwnerKey(c.ownerId()), c);
                }
            }
        }
    }

    /** Drops a client and everything it holds. Caller holds this object's monitor. */
    private void expire(Nfs4Client c) {
        confirmed.remove(c.id());
        confirmedByOwner.remove(new OwnerKey(c.ownerId()), c);
        records.remove(c.ownerId());
        Callback40 cb = c.callback40;
        if (cb != null) {
            cb.close();
        }
        synchronized (c) {
            c.expire();
            for (Session s : c.sessions) {
                sessions.remove(s.key());
            }
            c.sessions.clear();
            for (OpenOwner o : c.openOwners.values()) {
                for (OpenState os : List.copyOf(o.opens)) {
                    release(os);
                }
            }
            c.openOwners.clear();
            c.lockOwners.clear();
            for (DelegState d : List.copyOf(c.delegations)) {
                dropDelegation(d, true);
            }
        }
    }

    // ---- stateids (RFC 7530 section 9.1.4, RFC 8881 section 8.2) ----

    private Stateid newStateid() {
        return new Stateid(0, epoch, nextStateId.getAndIncrement());
    }

    /**
     * The open or lock state a stateid names, with its seqid checked: NFS4ERR_STALE_STATEID for
     * an earlier instance's, NFS4ERR_BAD_STATEID for an unknown one, NFS4ERR_OLD_STATEID for an
     * outdated seqid (seqid 0 means "the current one" in minor version 1).
     */
    public Object state(Stateid sid, int minorVersion) {
        if (sid.epoch() != epoch) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_STALE_STATEID, "stateid of an earlier server instance");
        }
        Object st = states.get(sid.id());
        if (st == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_STATEID, "unknown stateid");
        }
        Stateid current;
        Nfs4Client client;
        switch (st) {
            case OpenState os -> {
                synchronized (os.client()) {
                    current = os.stateid;
                }
                client = os.client();
            }
            case LockState ls -> {
                synchronized (ls.owner.client) {
                    current = ls.stateid;
                }
                client = ls.owner.client;
            }
            case DelegState d -> {
                current = d.stateid;
                client = d.client;
            }
            default -> throw new IllegalStateException("state " + st);
        }
        if (client.expired()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_EXPIRED, "lease expired");
        }
        if (!(minorVersion > 0 && sid.seqid() == 0) && sid.seqid() != current.seqid()) {
            throw new Nfs4Exception(
                    Integer.compareUnsigned(sid.seqid(), current.seqid()) < 0
                            ? Nfsstat4.NFS4ERR_OLD_STATEID
                            : Nfsstat4.NFS4ERR_BAD_STATEID,
                    "stateid seqid " + sid.seqid() + ", current " + current.seqid());
        }
        client.renew(clock.getAsLong());
        return st;
    }

    public OpenState openState(Stateid sid, int minorVersion) {
        if (state(sid, minorVersion) instanceof OpenState os) {
            return os;
        }
        throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_STATEID, "not an open stateid");
    }

    public LockState lockState(Stateid sid, int minorVersion) {
        if (state(sid, minorVersion) instanceof LockState ls) {
            return ls;
        }
        throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_STATEID, "not a lock stateid");
    }

    /**
     * Checks a stateid READ, WRITE or SETATTR presents for {@code file}: special stateids pass
     * (the share reservations of the runtime still apply); others must be this file's and, for
     * a write, open for writing (NFS4ERR_OPENMODE otherwise).
     */
    public void checkIo(Stateid sid, int minorVersion, FileKey file, boolean write) {
        if (sid.isSpecial()) {
            return;
        }
        Object st = state(sid, minorVersion);
        if (st instanceof DelegState d) {
            if (!d.file.equals(file) || write) {
                throw new Nfs4Exception(
                        write ? Nfsstat4.NFS4ERR_OPENMODE : Nfsstat4.NFS4ERR_BAD_STATEID, "read delegation");
            }
            return;
        }
        OpenState os = st instanceof LockState ls ? ls.open : (OpenState) st;
        if (!os.file.equals(file)) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_STATEID, "stateid of another file");
        }
        if (write && (os.access() & OpenMode.WRITE) == 0) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_OPENMODE, "not open for writing");
        }
    }

    /** TEST_STATEID (RFC 8881 section 18.48): the status each stateid would get. */
    public int test(Stateid sid) {
        try {
            state(sid, 1);
            return Nfsstat4.NFS4_OK;
        } catch (Nfs4Exception e) {
            return e.status();
        }
    }

    // ---- open-owner and lock-owner sequencing, minor version 0 (RFC 7530 section 9.1.7) ----

    /**
     * Runs a seqid-mutating operation of an owner: a retransmission of the last one gets its
     * reply again, an unexpected seqid NFS4ERR_BAD_SEQID; the reply is kept unless its status is
     * one that leaves the seqid alone.
     */
    @SuppressWarnings("unchecked")
    public <T> T sequenced(
            Nfs4Client client, OpenOwner.SeqidWindow w, int seqid, Supplier<T> work, ToIntFunction<T> statusOf) {
        synchronized (client) {
            if (w.started && seqid == w.last && w.lastReply != null) {
                return (T) w.lastReply;
            }
            if (w.started && seqid != w.last + 1) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_SEQID, "seqid " + seqid + " after " + w.last);
            }
            T reply = work.get();
            if (bumpsSeqid(statusOf.applyAsInt(reply))) {
                w.started = true;
                w.last = seqid;
                w.lastReply = reply;
            }
            return reply;
        }
    }

    private static boolean bumpsSeqid(int status) {
        return switch (status) {
            case Nfsstat4.NFS4ERR_STALE_CLIENTID,
                    Nfsstat4.NFS4ERR_STALE_STATEID,
                    Nfsstat4.NFS4ERR_BAD_STATEID,
                    Nfsstat4.NFS4ERR_BAD_SEQID,
                    Nfsstat4.NFS4ERR_BADXDR,
                    Nfsstat4.NFS4ERR_RESOURCE,
                    Nfsstat4.NFS4ERR_NOFILEHANDLE,
                    Nfsstat4.NFS4ERR_MOVED -> false;
            default -> true;
        };
    }

    public OpenOwner openOwner(Nfs4Client client, byte[] owner) {
        synchronized (client) {
            return client.openOwners.computeIfAbsent(new OwnerKey(owner), k -> new OpenOwner(client, k));
        }
    }

    public LockOwnerState lockOwner(Nfs4Client client, byte[] owner) {
        synchronized (client) {
            return client.lockOwners.computeIfAbsent(new OwnerKey(owner), k -> new LockOwnerState(client, k));
        }
    }

    // ---- opens (RFC 7530 sections 16.16 - 16.19, 16.2) ----

    /** What OPEN did. */
    public record Opened(Stateid stateid, boolean confirmNeeded) {}

    /**
     * Opens {@code file} for {@code owner}, or upgrades the owner's open of it, reserving the
     * share access and deny in the runtime's open table (NFS4ERR_SHARE_DENIED on conflict).
     */
    public Opened open(OpenOwner owner, FileKey file, Nfs4Handle handle, int access, int deny, int minorVersion) {
        Nfs4Client client = owner.client;
        synchronized (client) {
            if (client.expired()) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_EXPIRED, "lease expired");
            }
            for (OpenState os : owner.opens) {
                if (os.file.equals(file)) {
                    int a = os.access | access;
                    int d = os.deny | deny;
                    if (a != os.access || d != os.deny) {
                        opens.changeMode(os.open, new OpenMode(a, d));
                    }
                    os.access = a;
                    os.deny = d;
                    os.accessSeen |= 1 << access;
                    os.denySeen |= 1 << deny;
                    os.stateid = os.stateid.next();
                    return new Opened(os.stateid, false);
                }
            }
            OpenHandle h = opens.open(file, client.holder(), new OpenMode(access, deny));
            OpenState os = new OpenState(owner, file, handle, h, newStateid().next(), access, deny);
            owner.opens.add(os);
            states.put(os.stateid.id(), os);
            boolean confirm = minorVersion == 0 && !owner.confirmed;
            return new Opened(os.stateid, confirm);
        }
    }

    /** OPEN_CONFIRM (section 16.18). */
    public Stateid confirmOpen(OpenState os) {
        synchronized (os.client()) {
            os.owner.confirmed = true;
            os.stateid = os.stateid.next();
            return os.stateid;
        }
    }

    /** CLOSE (section 16.2): releases the share reservation and any locks left under the open. */
    public Stateid close(OpenState os) {
        synchronized (os.client()) {
            release(os);
            os.owner.opens.remove(os);
            os.stateid = os.stateid.next();
            return os.stateid;
        }
    }

    private void release(OpenState os) {
        for (LockState ls : os.locks) {
            stopWaiting(ls);
            locks.releaseAll(os.file, ls.owner.runtimeOwner);
            states.remove(ls.stateid.id());
        }
        os.locks.clear();
        opens.close(os.open);
        states.remove(os.stateid.id());
    }

    /** OPEN_DOWNGRADE (section 16.19): to a mode the owner opened with before. */
    public Stateid downgrade(OpenState os, int access, int deny) {
        synchronized (os.client()) {
            if ((access & ~os.access) != 0
                    || (deny & ~os.deny) != 0
                    || (os.accessSeen & (1 << access)) == 0
                    || (os.denySeen & (1 << deny)) == 0) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "not a mode this open had");
            }
            opens.changeMode(os.open, new OpenMode(access, deny));
            os.access = access;
            os.deny = deny;
            os.accessSeen = 1 << access;
            os.denySeen = 1 << deny;
            os.stateid = os.stateid.next();
            return os.stateid;
        }
    }

    // ---- byte-range locks (RFC 7530 sections 16.10 - 16.12, 16.37) ----

    /** A lock of someone else in the way (LOCK4denied). */
    public record Denied(Lock conflict) {}

    /** The lock state of {@code owner} on the file of {@code open}, made on first use. */
    public LockState lockStateFor(LockOwnerState owner, OpenState open) {
        synchronized (owner.client) {
            for (LockState ls : open.locks) {
                if (ls.owner == owner) {
                    return ls;
                }
            }
            LockState ls = new LockState(owner, open, newStateid());
            open.locks.add(ls);
            states.put(ls.stateid.id(), ls);
            return ls;
        }
    }

    /** Takes a lock for the lock state's owner; a conflict is returned, not thrown. */
    public Optional<Denied> lock(LockState ls, LockType type, ByteRange range) {
        synchronized (ls.owner.client) {
            Optional<Lock> conflict = locks.tryLock(ls.open.file, ls.owner.runtimeOwner, type, range);
            if (conflict.isPresent()) {
                return Optional.of(new Denied(conflict.get()));
            }
            stopWaiting(ls);
            ls.stateid = ls.stateid.next();
            return Optional.empty();
        }
    }

    // ---- blocking locks, minor version 1 (RFC 8881 sections 18.16.4 and 20.11) ----

    /** Whether CB_NOTIFY_LOCK can reach {@code c}: OPEN then says OPEN4_RESULT_MAY_NOTIFY_LOCK. */
    public boolean mayNotifyLock(Nfs4Client c) {
        return c.minorVersion() > 0 && callbackSession(c) != null;
    }

    /**
     * A blocking LOCK (READW_LT, WRITEW_LT) of {@code ls} was denied: once the range could be
     * taken, CB_NOTIFY_LOCK tells the client to try again. The lock is not held for it (section
     * 20.11.4 lets the server choose; the client's own retry takes it). A later denied LOCK of the
     * same state replaces the wait; a granted LOCK and CLOSE end it.
     */
    public void notifyWhenLockable(LockState ls, LockType type, ByteRange range) {
        Nfs4Client c = ls.owner.client;
        if (!mayNotifyLock(c)) {
            return;
        }
        synchronized (c) {
            stopWaiting(ls);
            CompletableFuture<Lock> free = locks.whenLockable(ls.open.file, ls.owner.runtimeOwner, type, range);
            ls.notify = free;
            free.thenAccept(l -> {
                Session s = callbackSession(c);
                if (s != null) {
                    CallbackClient.notifyLock(s, ls.open.handle, c.id(), ls.owner.owner.owner());
                }
            });
        }
    }

    /** Ends the CB_NOTIFY_LOCK wait of {@code ls}, if any. Caller holds the client's monitor. */
    private static void stopWaiting(LockState ls) {
        if (ls.notify != null) {
            ls.notify.cancel(false);
            ls.notify = null;
        }
    }

    public Stateid stateidOf(LockState ls) {
        synchronized (ls.owner.client) {
            return ls.stateid;
        }
    }

    public OpenOwner.SeqidWindow seqids(LockState ls) {
        return ls.owner.seqids;
    }

    public OpenOwner.SeqidWindow seqids(OpenState os) {
        return os.owner.seqids;
    }

    public FileKey fileOf(LockState ls) {
        return ls.open.file;
    }

    public Nfs4Client clientOf(LockState ls) {
        return ls.owner.client;
    }

    /** LOCKU. */
    public Stateid unlock(LockState ls, ByteRange range) {
        synchronized (ls.owner.client) {
            locks.unlock(ls.open.file, ls.owner.runtimeOwner, range);
            ls.stateid = ls.stateid.next();
            return ls.stateid;
        }
    }

    /** LOCKT: a conflicting lock of anyone but {@code owner}. */
    public Optional<Lock> testLock(FileKey file, LockOwnerState owner, LockType type, ByteRange range) {
        return locks.test(file, owner.runtimeOwner, type, range);
    }

    /** RELEASE_LOCKOWNER (section 16.37): NFS4ERR_LOCKS_HELD while the owner holds locks. */
    public void releaseLockOwner(Nfs4Client client, byte[] owner) {
        synchronized (client) {
            LockOwnerState lo = client.lockOwners.get(new OwnerKey(owner));
            if (lo == null) {
                return;
            }
            List<LockState> mine = new ArrayList<>();
            for (OpenOwner oo : client.openOwners.values()) {
                for (OpenState os : oo.opens) {
                    for (LockState ls : os.locks) {
                        if (ls.owner == lo) {
                            if (holdsLocks(ls)) {
                                throw new Nfs4Exception(Nfsstat4.NFS4ERR_LOCKS_HELD, "lock owner holds locks");
                            }
                            mine.add(ls);
                        }
                    }
                }
            }
            for (LockState ls : mine) {
                stopWaiting(ls);
                ls.open.locks.remove(ls);
                states.remove(ls.stateid.id());
            }
            client.lockOwners.remove(lo.owner);
        }
    }

    private boolean holdsLocks(LockState ls) {
        return locks.locks(ls.open.file).stream().anyMatch(l -> l.owner().equals(ls.owner.runtimeOwner));
    }

    /** FREE_STATEID (RFC 8881 section 18.38): a lock stateid without locks. */
    public void free(Stateid sid) {
        Object st = state(sid, 1);
        if (!(st instanceof LockState ls)) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_LOCKS_HELD, "an open stateid is freed by CLOSE");
        }
        synchronized (ls.owner.client) {
            if (holdsLocks(ls)) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_LOCKS_HELD, "stateid still holds locks");
            }
            stopWaiting(ls);
            ls.open.locks.remove(ls);
            states.remove(ls.stateid.id());
        }
    }

    /** The client a lock owner string of the runtime belongs to, when it is one of ours. */
    public static @Nullable String holderOf(String runtimeOwner) {
        if (!runtimeOwner.startsWith("nfs4:")) {
            return null;
        }
        int colon = runtimeOwner.indexOf(':', 5);
        return colon < 0 ? runtimeOwner : runtimeOwner.substring(0, colon);
    }

    // ---- read delegations (RFC 8881 section 10) ----

    private final Map<CachingGrant, DelegState> byGrant = new ConcurrentHashMap<>();

    /**
     * A read delegation of {@code file} for {@code client}, when it can be recalled (a 4.1 back
     * channel, or a 4.0 callback path whose CB_NULL answered: the client's first grant waits for
     * that probe up to {@link #PROBE_WAIT}, later ones do not wait), the client holds none of
     * this file yet, and nobody else (over any protocol) writes the file. The runtime's grant is
     * {@code READ | HANDLE}: the holder opens and closes locally (RFC 8881 section 10.4), so
     * removes, renames and permission changes by others recall it as well as writes.
     */
    public Optional<DelegState> grantRead(Nfs4Client client, FileKey file, Nfs4Handle handle) {
        if (!recallable(client)) {
            return Optional.empty();
        }
        synchronized (client) {
            if (client.delegations.stream().anyMatch(d -> d.file.equals(file))) {
                return Optional.empty();
            }
            Optional<CachingGrant> g =
                    opens.tryGrant(file, client.holder(), Caching.READ | Caching.HANDLE, this::recall);
            if (g.isEmpty()) {
                return Optional.empty();
            }
            DelegState d = new DelegState(client, file, handle, newStateid().next(), g.get());
            client.delegations.add(d);
            byGrant.put(g.get(), d);
            states.put(d.stateid.id(), d);
            return Optional.of(d);
        }
    }

    private boolean recallable(Nfs4Client c) {
        if (c.minorVersion() > 0) {
            return callbackSession(c) != null;
        }
        Callback40 cb = c.callback40;
        if (cb == null) {
            return false;
        }
        Duration wait = c.probeAwaited ? Duration.ZERO : PROBE_WAIT;
        c.probeAwaited = true;
        return cb.up(wait);
    }

    private @Nullable Session callbackSession(Nfs4Client c) {
        synchronized (c) {
            for (Session s : c.sessions) {
                if (s.callbacks().connection() != null) {
                    return s;
                }
            }
        }
        return null;
    }

    /** The open table's break: CB_RECALL, and revocation if the client does not return it in a lease. */
    private void recall(CachingGrant grant, int newLevel) {
        DelegState d = byGrant.get(grant);
        if (d == null) {
            opens.release(grant);
            return;
        }
        CompletableFuture<Boolean> sent;
        Callback40 cb = d.client.callback40;
        if (d.client.minorVersion() == 0 && cb != null) {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            Thread.ofVirtual().name("nfs4-cb-recall").start(() -> {
                try {
                    f.complete(cb.recall(d));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e); // the delegation is then revoked below
                }
            });
            sent = f;
        } else {
            Session s = callbackSession(d.client);
            if (s == null) {
                dropDelegation(d, true);
                return;
            }
            sent = CallbackClient.recall(s, d);
        }
        log.debug("recalling the delegation of {} from client {}", d.file, Long.toHexString(d.client.id()));
        sent.exceptionally(e -> false).thenAccept(accepted -> {
            if (!accepted) {
                dropDelegation(d, true);
                return;
            }
            Thread.ofVirtual().name("nfs4-recall-timer").start(() -> {
                try {
                    Thread.sleep(lease.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (byGrant.containsKey(grant)) {
                    log.info(
                            "client {} kept a recalled delegation for a lease: revoked",
                            Long.toHexString(d.client.id()));
                    dropDelegation(d, true);
                }
            });
        });
    }

    /** DELEGRETURN (RFC 8881 section 18.6). */
    public void returnDelegation(Stateid sid, int minorVersion) {
        if (!(state(sid, minorVersion) instanceof DelegState d)) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_STATEID, "not a delegation stateid");
        }
        dropDelegation(d, false);
    }

    private void dropDelegation(DelegState d, boolean revoked) {
        if (byGrant.remove(d.grant) == null) {
            return;
        }
        states.remove(d.stateid.id());
        synchronized (d.client) {
            d.client.delegations.remove(d);
        }
        if (revoked) {
            opens.revoke(d.grant);
        } else {
            opens.release(d.grant);
        }
    }

    /**
     * Before {@code holder} opens {@code file} for writing: recalls everybody else's delegations
     * and waits a moment for their return; NFS4ERR_DELAY (the client retries) while they are out.
     */
    public void recallForWrite(FileKey file, String holder, Duration wait) {
        breakFor(file, holder, BreakIntent.OPEN_WRITE, wait);
    }

    /**
     * Before {@code holder} does what {@code intent} says to {@code file} (REMOVE, RENAME,
     * SETATTR, a WRITE without an open): breaks the caching of everybody else, over any protocol
     * (delegations, SMB leases), and waits up to {@code wait}; NFS4ERR_DELAY while it is out.
     */
    public void breakFor(FileKey file, String holder, BreakIntent intent, Duration wait) {
        CompletableFuture<Void> done = opens.breakConflicting(file, holder, intent);
        if (done.isDone()) {
            return;
        }
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_DELAY, "delegations being recalled");
        } catch (ExecutionException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_DELAY, "interrupted");
        }
    }

    /**
     * The open-table holder an operation with {@code sid} acts for: the client of the stateid,
     * or {@code fallback} for a special one (minor version 0 names no client otherwise).
     */
    public String holderFor(Stateid sid, int minorVersion, String fallback) {
        if (sid.isSpecial()) {
            return fallback;
        }
        return switch (state(sid, minorVersion)) {
            case OpenState os -> os.client().holder();
            case LockState ls -> ls.owner.client.holder();
            case DelegState d -> d.client.holder();
            default -> fallback;
        };
    }

    /** How many clients are known (confirmed): for status and tests. */
    public int clientCount() {
        return confirmed.size();
    }
}
