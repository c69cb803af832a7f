package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.smb.LeaseClient;
import io.dittofs.smb.SmbTestServer;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Directory leases (MS-SMB2 3.3.5.9.11, 3.3.4.7) and leases keyed per lease key (3.3.5.9.8):
 * client A is a raw SMB 3.0 client on a socket holding a directory lease, which another client's
 * (smbj) or an NFSv3 change of the directory's entries breaks, and its own change under the
 * directory's lease key as ParentLeaseKey does not. Two raw clients share one ClientGuid (the
 * test client's), so they are one client with two lease keys.
 */
class SmbDirectoryLeaseTest {
    private static final int R = LeaseClient.R;
    private static final int H = LeaseClient.H;
    private static final int W = LeaseClient.W;
    private static final int STATUS_SUCCESS = 0;
    private static final int SMB_3_0 = 0x0300;
    private static final AuthContext NFS =
            new AuthContext(Principal.ROOT, Protocol.NFS3, AuthFlavor.UNIX, new InetSocketAddress("127.0.0.1", 702));

    /** Background work on its own thread: a blocked one must not hold up the next test (the common pool may have one thread). */
    private static final java.util.concurrent.Executor VIRTUAL =
            r -> Thread.ofVirtual().start(r);

    private static SmbTestServer server;
    private LeaseClient a;
    private SmbjClient b;

    @BeforeAll
    static void start() throws Exception {
        server = SmbTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        a = client(SMB_3_0);
        b = new SmbjClient(server);
    }

    @AfterEach
    void disconnect() throws Exception {
        b.close();
        a.close();
    }

    private static LeaseClient client(int dialect) throws Exception {
        return new LeaseClient(server.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, SmbTestServer.SHARE, dialect);
    }

    private static FileSystem fs() {
        return server.shares.byName(SmbTestServer.SHARE).orElseThrow().fileSystem();
    }

    private void smbjCreates(String path) {
        b.share
                .openFile(
                        path,
                        EnumSet.of(AccessMask.GENERIC_WRITE),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_CREATE,
                        null)
                .close();
    }

    @Test
    void aDirectoryGetsReadAndHandleCachingNeverWriteAndOnlyOverSmb3() throws Exception {
        LeaseClient.Created dir = a.openDirectory("dl1", LeaseClient.key(1), R | W | H);
        assertThat(dir.oplockLevel()).isEqualTo(0xFF);
        assertThat(dir.leaseState()).isEqualTo(R | H);
        try (LeaseClient old = client(0x0210)) {
            assertThat(old.openDirectory("dl1", LeaseClient.key(2), R | H).leaseState())
                    .as("no directory lease over SMB 2.1")
                    .isEqualTo(-1);
        }
    }

    @Test
    void anotherClientsCreateBreaksTheDirectoryLeaseWithoutWaitingForIt() throws Exception {
        byte[] k = LeaseClient.key(3);
        assertThat(a.openDirectory("dl2", k, R | H).leaseState()).isEqualTo(R | H);
        CompletableFuture<Void> create = CompletableFuture.runAsync(() -> smbjCreates("dl2\\new.txt"), VIRTUAL);
        assertThat(a.leaseBreak(k)).isEqualTo(new LeaseClient.Break(1, R | H, 0)); // ACK_REQUIRED, to none
        create.get(10, TimeUnit.SECONDS); // done before A acknowledged
        assertThat(a.ackLease(k, 0)).isEqualTo(STATUS_SUCCESS);
    }

    @Test
    void anNfsRenameInTheDirectoryBreaksItsLease() throws Exception {
        FileSystem fs = fs();
        a.openDirectory("dl3", LeaseClient.key(9), 0).leaseState(); // creates it
        var dl3 = fs.lookup(NFS, fs.root(), "dl3").id();
        fs.createFile(NFS, dl3, "x", SetAttributes.mode(0644), CreateMode.GUARDED);
        byte[] k = LeaseClient.key(4);
        assertThat(a.openDirectory("dl3", k, R).leaseState()).isEqualTo(R);
        fs.rename(NFS, dl3, "x", dl3, "y");
        assertThat(a.leaseBreak(k)).isEqualTo(new LeaseClient.Break(0, R, 0)); // from read alone: no ack
    }

    @Test
    void theClientsOwnCreateUnderItsParentLeaseKeyKeepsTheDirectoryLease() throws Exception {
        byte[] dirKey = LeaseClient.key(5);
        assertThat(a.openDirectory("dl4", dirKey, R | H).leaseState()).isEqualTo(R | H);
        Map<String, byte[]> child = new LinkedHashMap<>();
        child.put("RqLs", LeaseClient.leaseV2(LeaseClient.key(6), R | W | H, dirKey));
        LeaseClient.Created mine = a.create("dl4\\mine.txt", 0xFF, child);
        assertThat(mine.leaseState()).isEqualTo(R | W | H);
        assertThat(a.notification(500))
                .as("no break of A's own directory lease")
                .isNull();

        smbjCreates("dl4\\theirs.txt");
        assertThat(a.leaseBreak(dirKey)).isEqualTo(new LeaseClient.Break(1, R | H, 0));
    }

    @Test
    void leasesOfTwoClientsOnOneFileBreakEachOther() throws Exception {
        byte[] k1 = LeaseClient.key(10);
        byte[] k2 = LeaseClient.key(11);
        byte[] otherGuid = new byte[16];
        otherGuid[0] = 0x42;
        try (LeaseClient other = LeaseClient.withClientGuid(
                server.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, SmbTestServer.SHARE, otherGuid)) {
            assertThat(a.create("two.txt", 0xFF, k1, R | W | H).leaseState()).isEqualTo(R | W | H);
            CompletableFuture<LeaseClient.Created> second =
                    CompletableFuture.supplyAsync(() -> other.create("two.txt", 0xFF, k2, R | W | H), VIRTUAL);
            assertThat(a.leaseBreak(k1)).isEqualTo(new LeaseClient.Break(1, R | W | H, 0));
            Thread.sleep(200);
            assertThat(second).as("the other client's open waits for the break").isNotDone();
            assertThat(a.ackLease(k1, 0)).isEqualTo(STATUS_SUCCESS);
            assertThat(second.get(10, TimeUnit.SECONDS).leaseState())
                    .as("A's open still writes: nothing to cache")
                    .isEqualTo(-1);
        }
    }

    @Test
    void twoLeaseKeysOfOneClientBreakEachOtherButOneKeyDoesNot() throws Exception {
        byte[] k1 = LeaseClient.key(7);
        byte[] k2 = LeaseClient.key(8);
        try (LeaseClient sameClient = client(0x0210);
                LeaseClient third = client(0x0210)) {
            assertThat(a.create("lk.txt", 0xFF, k1, R | W | H).leaseState()).isEqualTo(R | W | H);
            // The same lease key on another connection of the same client shares the lease: no break.
            assertThat(sameClient.create("lk.txt", 0xFF, k1, R | W | H).leaseState())
                    .isEqualTo(R | W | H);
            assertThat(a.notification(300)).isNull();
            assertThat(sameClient.notification(300)).isNull();

            CompletableFuture<LeaseClient.Created> other =
                    CompletableFuture.supplyAsync(() -> third.create("lk.txt", 0xFF, k2, R | W | H), VIRTUAL);
            // The lease answers on the connection that used it last (MS-SMB2 3.3.4.7).
            assertThat(sameClient.leaseBreak(k1)).isEqualTo(new LeaseClient.Break(1, R | W | H, 0));
            Thread.sleep(200);
            assertThat(other)
                    .as("the open under the other key waits for the break")
                    .isNotDone();
            assertThat(a.ackLease(k1, 0)).isEqualTo(STATUS_SUCCESS);
            // The opens under k1 stay and write: the other key gets no caching, but its open.
            assertThat(other.get(10, TimeUnit.SECONDS).leaseState()).isEqualTo(-1);
        }
    }
}
