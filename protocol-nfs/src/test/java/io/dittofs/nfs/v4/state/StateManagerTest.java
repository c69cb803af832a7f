package io.dittofs.nfs.v4.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfs4Handle;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.lock.LockOwner;
import io.dittofs.runtime.lock.LockType;
import io.dittofs.runtime.open.OpenTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases, grace and reclaim, stateid checks: the NFSv4 state on the runtime's open table and lock manager. */
class StateManagerTest {
    private static final Duration LEASE = Duration.ofSeconds(90);
    private static final FileKey FILE = new FileKey(7, 42);
    private static final Nfs4Handle HANDLE = new Nfs4Handle.ShareFile(7, new NodeId(42, 1));

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final OpenTable opens = new OpenTable();
    private final LockManager locks = new LockManager();

    @TempDir
    Path dir;

    private StateManager manager(int epoch, ClientRecords records, Duration grace) {
        return new StateManager(epoch, LEASE, grace, opens, locks, records, clock::get);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Nfs4Client confirmed41(StateManager m, String owner) {
        Nfs4Client c = m.exchangeId(bytes(owner), 1).client();
        m.createSession(c.id(), 1, 4, 1 << 20, 1 << 20, 16);
        return c;
    }

    @Test
    void aClientWhoseLeaseRunsOutLosesItsOpensAndLocks() {
        StateManager m = manager(100, ClientRecords.inMemory(), Duration.ZERO);
        Nfs4Client c = confirmed41(m, "laptop");
        OpenState os = (OpenState) m.state(
                m.open(m.openOwner(c, bytes("o")), FILE, HANDLE, 3, 2, 1).stateid(), 1);
        LockState ls = m.lockStateFor(m.lockOwner(c, bytes("l")), os);
        assertThat(m.lock(ls, LockType.EXCLUSIVE, new ByteRange(0, 10))).isEmpty();
        assertThat(opens.openCount(FILE)).isEqualTo(1);

        clock.addAndGet(LEASE.toNanos() / 2);
        m.expireIdle();
        assertThat(opens.openCount(FILE)).isEqualTo(1);

        clock.addAndGet(LEASE.toNanos());
        m.expireIdle();
        assertThat(opens.openCount(FILE)).isZero();
        assertThat(locks.locks(FILE)).isEmpty();
        assertThatThrownBy(() -> m.client(c.id()))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_STALE_CLIENTID));
    }

    @Test
    void renewingKeepsTheLease() {
        StateManager m = manager(100, ClientRecords.inMemory(), Duration.ZERO);
        Nfs4Client c = m.setClientId(bytes("desktop"), 5);
        m.confirmClientId(c.id(), c.confirmVerifier());
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(LEASE.toNanos() / 2);
            m.client(c.id()); // RENEW
            m.expireIdle();
        }
        assertThat(m.clientCount()).isEqualTo(1);
    }

    @Test
    void afterARestartOnlyEarlierClientsReclaimAndOthersWaitForGrace() {
        Path file = dir.resolve("nfs4-clients");
        StateManager before = manager(100, ClientRecords.inFile(file), Duration.ZERO);
        Nfs4Client old = confirmed41(before, "laptop");
        OpenState os = (OpenState) before.state(
                before.open(before.openOwner(old, bytes("o")), FILE, HANDLE, 1, 0, 1)
                        .stateid(),
                1);
        assertThat(os).isNotNull();
        opens.close(os.open); // the process ends: the runtime forgets the open

        StateManager after = manager(200, ClientRecords.inFile(file), Duration.ofSeconds(30));
        assertThat(after.inGrace()).isTrue();
        Nfs4Client back = confirmed41(after, "laptop");
        Nfs4Client stranger = confirmed41(after, "stranger");
        after.checkReclaim(back);
        assertThatThrownBy(() -> after.checkReclaim(stranger))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_RECLAIM_BAD));
        assertThatThrownBy(after::refuseInGrace).isInstanceOfSatisfying(Nfs4Exception.class, e -> assertThat(e.status())
                .isEqualTo(Nfsstat4.NFS4ERR_GRACE));

        after.reclaimComplete(back); // the only earlier client is done: grace ends at once
        assertThat(after.inGrace()).isFalse();
        after.refuseInGrace();
        assertThatThrownBy(() -> after.state(os.stateid, 1))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_STALE_STATEID));
    }

    @Test
    void graceEndsByTimeToo() {
        Path file = dir.resolve("nfs4-clients");
        StateManager before = manager(100, ClientRecords.inFile(file), Duration.ZERO);
        confirmed41(before, "laptop");
        StateManager after = manager(200, ClientRecords.inFile(file), Duration.ofSeconds(30));
        assertThat(after.inGrace()).isTrue();
        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(after.inGrace()).isFalse();
    }

    @Test
    void stateidsWithOldSeqidsAreOldAndUnknownOnesBad() {
        StateManager m = manager(100, ClientRecords.inMemory(), Duration.ZERO);
        Nfs4Client c = confirmed41(m, "laptop");
        OpenOwner o = m.openOwner(c, bytes("o"));
        Stateid first = m.open(o, FILE, HANDLE, 1, 0, 0).stateid();
        Stateid second = m.open(o, FILE, HANDLE, 2, 0, 0).stateid();
        assertThat(second.seqid()).isEqualTo(first.seqid() + 1);
        assertThatThrownBy(() -> m.state(first, 0))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_OLD_STATEID));
        assertThatThrownBy(() -> m.state(new Stateid(1, 100, 999), 0))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_BAD_STATEID));
        assertThat(m.state(second.withSeqid(0), 1)).isInstanceOf(OpenState.class);
    }

    @Test
    void aRetransmittedSeqidGetsTheFirstReplyAndAGapIsBadSeqid() {
        StateManager m = manager(100, ClientRecords.inMemory(), Duration.ZERO);
        Nfs4Client c = confirmed41(m, "laptop");
        OpenOwner o = m.openOwner(c, bytes("o"));
        AtomicLong runs = new AtomicLong();
        String first = m.sequenced(c, o.seqids(), 7, () -> "reply-" + runs.incrementAndGet(), r -> 0);
        String again = m.sequenced(c, o.seqids(), 7, () -> "reply-" + runs.incrementAndGet(), r -> 0);
        assertThat(again).isEqualTo(first);
        assertThat(runs.get()).isEqualTo(1);
        assertThatThrownBy(() -> m.sequenced(c, o.seqids(), 9, () -> "x", r -> 0))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_BAD_SEQID));
    }

    @Test
    void releaseLockOwnerWaitsUntilItsLocksAreGone() {
        StateManager m = manager(100, ClientRecords.inMemory(), Duration.ZERO);
        Nfs4Client c = m.setClientId(bytes("v40"), 5);
        m.confirmClientId(c.id(), c.confirmVerifier());
        OpenState os = (OpenState) m.state(
                m.open(m.openOwner(c, bytes("o")), FILE, HANDLE, 3, 0, 0).stateid(), 0);
        LockState ls = m.lockStateFor(m.lockOwner(c, bytes("l")), os);
        m.lock(ls, LockType.SHARED, new ByteRange(0, 5));
        assertThat(locks.test(FILE, new LockOwner("nlm:h:1"), LockType.EXCLUSIVE, new ByteRange(0, 1)))
                .isPresent();
        assertThatThrownBy(() -> m.releaseLockOwner(c, bytes("l")))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_LOCKS_HELD));
        m.unlock(ls, new ByteRange(0, ByteRange.TO_END));
        m.releaseLockOwner(c, bytes("l"));
        m.close(os);
        assertThat(opens.openCount(FILE)).isZero();
    }
}
