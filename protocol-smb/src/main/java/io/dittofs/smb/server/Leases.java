package io.dittofs.smb.server;

import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.Caching;
import io.dittofs.runtime.open.CachingGrant;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.smb.messages.CreateContext;
import io.dittofs.smb.messages.LeaseRequest;
import io.dittofs.smb.messages.OplockBreakMessages;
import io.dittofs.smb.messages.Smb2Response;
import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.SmbProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Oplocks and leases (MS-SMB2 3.3.5.9.8 and 3.3.5.9.11) on the runtime open table's caching
 * grants: CREATE gets the most caching that no other holder's opens or grants prevent; when
 * another client's open or a change over NFS conflicts, the table calls back here and the holder
 * gets an OPLOCK_BREAK or LEASE_BREAK notification; the acknowledgment (or, after
 * {@link #ACK_TIMEOUT}, the server itself, 3.3.2.1) lowers the grant, which lets the waiting
 * operation go on.
 *
 * <p>Leases are keyed by ClientGuid and LeaseKey, and each lease is its own holder in the table
 * ({@link #leaseHolder}): opens under one lease key never break it, opens under another key (of
 * the same client too) or without a lease do, as MS-SMB2 3.3.5.9.8 says. Oplocks are held by the
 * client. Directories get leases of R or RH (MS-SMB2 3.3.5.9.11, SMB 3.x only, advertised as
 * SMB2_GLOBAL_CAP_DIRECTORY_LEASING), broken when an entry of the directory is added, removed or
 * renamed or its attributes change ({@code BreakIntent.PARENT}); an open whose lease names the
 * directory's lease key as ParentLeaseKey does not break it.
 *
 * <p>Threading: the registry is a concurrent map; a lease's state changes under its monitor.
 */
public final class Leases {
    /** Timers run their work on virtual threads: it may call the runtime. */
    private static final java.util.concurrent.Executor VIRTUAL =
            r -> Thread.ofVirtual().start(r);

    /** MS-SMB2 3.3.2.1: how long the server waits for a break acknowledgment. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(35);

    // OplockLevel values, MS-SMB2 2.2.13.
    public static final int OPLOCK_NONE = 0x00;
    public static final int OPLOCK_LEVEL_II = 0x01;
    public static final int OPLOCK_EXCLUSIVE = 0x08;
    public static final int OPLOCK_BATCH = 0x09;
    public static final int OPLOCK_LEASE = 0xFF;

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final OpenTable table;
    private final Duration ackTimeout;
    private final Map<String, Lease> byKey = new ConcurrentHashMap<>();

    public Leases(OpenTable table, Duration ackTimeout) {
        this.table = table;
        this.ackTimeout = ackTimeout;
    }

    /**
     * What CREATE answers: the OplockLevel and, for a lease, the response context.
     *
     * @param oplockLevel OplockLevel of the response
     * @param context the lease response context, or {@code null}
     */
    public record Granted(int oplockLevel, @Nullable CreateContext context) {
        static final Granted NONE = new Granted(OPLOCK_NONE, null);
    }

    /** The open table's holder of the lease {@code key} of client {@code client} ("smb:" ClientGuid). */
    public static String leaseHolder(String client, byte[] key) {
        return client + "/" + HexFormat.of().formatHex(key);
    }

    /**
     * Grants caching to a new {@code open} as CREATE asked (RequestedOplockLevel and RqLs).
     *
     * @param holder the open's holder: {@link #leaseHolder} of the lease key for a lease, else the client's
     */
    public Granted grant(
            Open open,
            String holder,
            Connection conn,
            @Nullable Session session,
            int requestedOplock,
            @Nullable LeaseRequest lease) {
        if (open.handle() == null) {
            return Granted.NONE;
        }
        FileKey file = open.fileKey();
        if (open.isDirectory()) {
            // MS-SMB2 3.3.5.9.11: directory leases from SMB 3.0 on, never with write caching.
            Dialect dialect = conn.dialect();
            return requestedOplock == OPLOCK_LEASE && lease != null && dialect != null && dialect.isSmb3()
                    ? grantLease(open, holder, conn, session, file, lease, Caching.WRITE)
                    : Granted.NONE;
        }
        if (requestedOplock == OPLOCK_LEASE && lease != null) {
            return grantLease(open, holder, conn, session, file, lease, 0);
        }
        int wanted =
                switch (requestedOplock) {
                    case OPLOCK_LEVEL_II -> Caching.READ;
                    case OPLOCK_EXCLUSIVE -> Caching.READ | Caching.WRITE;
                    case OPLOCK_BATCH -> Caching.READ | Caching.WRITE | Caching.HANDLE;
                    default -> Caching.NONE;
                };
        if (wanted == Caching.NONE) {
            return Granted.NONE;
        }
        Lease l = new Lease(holder, null, file, 0);
        synchronized (l) {
            l.opens.add(open);
            l.connection = conn;
            l.session = session;
            l.grant = tryGrant(l, wanted).orElse(null);
        }
        if (l.grant == null) {
            return Granted.NONE;
        }
        open.lease(l);
        return new Granted(oplockLevel(l.level()), null);
    }

    private Granted grantLease(
            Open open,
            String holder,
            Connection conn,
            @Nullable Session session,
            FileKey file,
            LeaseRequest req,
            int withheld) {
        int wanted = normalize(toCaching(req.state()) & ~withheld);
        while (true) {
            Lease l = byKey.computeIfAbsent(holder, k -> new Lease(holder, req.key(), file, req.version()));
            CachingGrant old = null;
            int level;
            int flags;
            synchronized (l) {
                if (l.dead) {
                    continue;
                }
                if (!l.file.equals(file)) {
                    // MS-SMB2 3.3.5.9.8: one lease key names one file.
                    throw SmbProtocolException.invalid("lease key in use for another file");
                }
                l.opens.add(open);
                l.connection = conn;
                l.session = session;
                int current = l.level();
                if (l.notifiedTo < 0 && (wanted & ~current) != 0) {
                    Optional<CachingGrant> g = tryGrant(l, wanted | current);
                    if (g.isPresent()) {
                        old = l.grant;
                        l.grant = g.get();
                        if (l.version == 2) {
                            l.epoch++;
                        }
                    }
                }
                level = l.level();
                flags = l.notifiedTo >= 0 ? LeaseRequest.BREAK_IN_PROGRESS : 0;
            }
            if (old != null) {
                table.release(old);
            }
            open.lease(l);
            if (level == Caching.NONE) {
                return Granted.NONE; // nothing granted: no lease context, the client caches nothing
            }
            return new Granted(OPLOCK_LEASE, req.response(toLeaseState(level), flags, l.epoch));
        }
    }

    /** The first of the levels {@code wanted} allows that the table grants now. */
    private Optional<CachingGrant> tryGrant(Lease l, int wanted) {
        int[] candidates = {wanted, wanted & ~Caching.WRITE, wanted & ~Caching.HANDLE, wanted & Caching.READ};
        for (int c : candidates) {
            int level = normalize(c);
            if (level == Caching.NONE) {
                continue;
            }
            Optional<CachingGrant> g = table.tryGrant(l.file, l.holder, level, (grant, to) -> breakTo(l, grant, to));
            if (g.isPresent()) {
                return g;
            }
        }
        return Optional.empty();
    }

    /**
     * The table's break callback: tells the holder, and either settles at once (a break from
     * read caching alone needs no acknowledgment, MS-SMB2 3.3.4.6 and 3.3.4.7) or waits for the
     * acknowledgment, at most {@link #ackTimeout}.
     */
    private void breakTo(Lease l, CachingGrant grant, int newLevel) {
        int target = normalize(newLevel);
        Smb2Response message;
        boolean ackRequired;
        long seq;
        Connection conn;
        Session session;
        boolean treeEncrypts;
        synchronized (l) {
            if (l.grant != grant || l.notifiedTo >= 0) {
                return; // stale, or a break is outstanding: its acknowledgment goes on from there
            }
            int from = grant.level();
            ackRequired = (from & (Caching.WRITE | Caching.HANDLE)) != 0;
            if (l.version == 2) {
                l.epoch++;
            }
            conn = l.connection;
            session = l.session;
            treeEncrypts = l.opens.stream().anyMatch(o -> o.tree().encryptData());
            message = notification(l, from, target, ackRequired);
            if (ackRequired) {
                l.notifiedTo = target;
            }
            seq = ++l.breakSeq;
        }
        if (conn != null && message != null) {
            Notifications.send(conn, session, treeEncrypts, Smb2Command.OPLOCK_BREAK, message);
        }
        if (!ackRequired) {
            settle(l, grant, target);
            return;
        }
        CompletableFuture.delayedExecutor(ackTimeout.toMillis(), TimeUnit.MILLISECONDS, VIRTUAL)
                .execute(() -> timedOut(l, grant, seq));
    }

    private static @Nullable Smb2Response notification(Lease l, int from, int target, boolean ackRequired) {
        if (l.isOplock()) {
            List<Open> opens = new ArrayList<>(l.opens);
            return opens.isEmpty()
                    ? null
                    : new OplockBreakMessages.Oplock(
                            target == Caching.NONE ? OPLOCK_NONE : OPLOCK_LEVEL_II,
                            opens.getFirst().fileId());
        }
        return new OplockBreakMessages.LeaseBreak(
                l.version == 2 ? l.epoch : 0,
                ackRequired ? OplockBreakMessages.ACK_REQUIRED : 0,
                l.key,
                toLeaseState(from),
                toLeaseState(target));
    }

    /** MS-SMB2 3.3.2.1: no acknowledgment in time; the server lowers the lease itself. */
    private void timedOut(Lease l, CachingGrant grant, long seq) {
        int target;
        synchronized (l) {
            if (l.breakSeq != seq || l.notifiedTo < 0 || l.grant != grant) {
                return;
            }
            target = l.notifiedTo;
            l.notifiedTo = -1;
        }
        LOG.info("no break acknowledgment from {} within {}: caching of {} lowered", l.holder, ackTimeout, l.file);
        settle(l, grant, target);
    }

    /** The holder now has {@code level}; a further break that arrived meanwhile is sent next. */
    private void settle(Lease l, CachingGrant grant, int level) {
        table.acknowledge(grant, level);
        int next = -1;
        synchronized (l) {
            if (l.grant != grant) {
                return;
            }
            if (level == Caching.NONE) {
                l.grant = null;
            } else if (grant.breakingTo() >= 0) {
                next = grant.breakingTo();
            }
        }
        if (next >= 0) {
            breakTo(l, grant, next);
        }
    }

    /** LEASE_BREAK acknowledgment (MS-SMB2 3.3.5.22.2) from {@code client}; returns the status to answer. */
    public NtStatus acknowledgeLease(String client, byte[] key, int leaseState) {
        Lease l = byKey.get(leaseHolder(client, key));
        if (l == null) {
            return NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
        }
        return acknowledge(l, normalize(toCaching(leaseState)));
    }

    /** OPLOCK_BREAK acknowledgment (MS-SMB2 3.3.5.22.1); returns the status to answer. */
    public NtStatus acknowledgeOplock(Open open, int oplockLevel) {
        Lease l = open.lease();
        if (l == null || !l.isOplock()) {
            return NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL;
        }
        int level = oplockLevel == OPLOCK_LEVEL_II ? Caching.READ : Caching.NONE;
        if (oplockLevel != OPLOCK_NONE && oplockLevel != OPLOCK_LEVEL_II) {
            return NtStatus.STATUS_INVALID_PARAMETER;
        }
        NtStatus s = acknowledge(l, level);
        return s == NtStatus.STATUS_UNSUCCESSFUL || s == NtStatus.STATUS_REQUEST_NOT_ACCEPTED
                ? NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL
                : s;
    }

    private NtStatus acknowledge(Lease l, int level) {
        CachingGrant grant;
        synchronized (l) {
            if (l.notifiedTo < 0 || l.grant == null) {
                return NtStatus.STATUS_UNSUCCESSFUL;
            }
            if ((level & ~l.notifiedTo) != 0) {
                return NtStatus.STATUS_REQUEST_NOT_ACCEPTED;
            }
            l.notifiedTo = -1;
            grant = l.grant;
        }
        settle(l, grant, level);
        return NtStatus.STATUS_SUCCESS;
    }

    /** Forgets {@code open}; the lease goes with its last open. */
    public void closed(Open open) {
        Lease l = open.lease();
        if (l == null) {
            return;
        }
        CachingGrant release = null;
        synchronized (l) {
            l.opens.remove(open);
            if (!l.opens.isEmpty()) {
                return;
            }
            l.dead = true;
            release = l.grant;
            l.grant = null;
            l.notifiedTo = -1;
            if (l.key != null) {
                byKey.remove(l.holder, l);
            }
        }
        if (release != null) {
            table.release(release);
        }
    }

    /** Whether {@code open} holds handle caching (the condition for a durable handle, MS-SMB2 3.3.5.9.6). */
    public boolean cachesHandles(Open open) {
        Lease l = open.lease();
        if (l == null) {
            return false;
        }
        synchronized (l) {
            return (l.level() & Caching.HANDLE) != 0;
        }
    }

    /** A reconnected durable open: its lease now answers on {@code conn}; returns what CREATE says of it. */
    public Granted reconnected(Open open, Connection conn, @Nullable Session session, @Nullable LeaseRequest req) {
        Lease l = open.lease();
        if (l == null) {
            return Granted.NONE;
        }
        int level;
        int epoch;
        synchronized (l) {
            l.connection = conn;
            l.session = session;
            level = l.level();
            epoch = l.epoch;
        }
        if (l.isOplock()) {
            return new Granted(oplockLevel(level), null);
        }
        return req == null ? Granted.NONE : new Granted(OPLOCK_LEASE, req.response(toLeaseState(level), 0, epoch));
    }

    /** How many leases are registered (for tests). */
    public int leaseCount() {
        return byKey.size();
    }

    /** Valid caching for a file lease: none, R, RH, RW or RWH (no handle or write caching without read). */
    static int normalize(int caching) {
        return (caching & Caching.READ) == 0 ? Caching.NONE : caching;
    }

    static int toCaching(int leaseState) {
        return ((leaseState & LeaseRequest.READ) != 0 ? Caching.READ : 0)
                | ((leaseState & LeaseRequest.WRITE) != 0 ? Caching.WRITE : 0)
                | ((leaseState & LeaseRequest.HANDLE) != 0 ? Caching.HANDLE : 0);
    }

    static int toLeaseState(int caching) {
        return ((caching & Caching.READ) != 0 ? LeaseRequest.READ : 0)
                | ((caching & Caching.WRITE) != 0 ? LeaseRequest.WRITE : 0)
                | ((caching & Caching.HANDLE) != 0 ? LeaseRequest.HANDLE : 0);
    }

    static int oplockLevel(int caching) {
        if ((caching & Caching.WRITE) != 0) {
            return (caching & Caching.HANDLE) != 0 ? OPLOCK_BATCH : OPLOCK_EXCLUSIVE;
        }
        return (caching & Caching.READ) != 0 ? OPLOCK_LEVEL_II : OPLOCK_NONE;
    }
}
