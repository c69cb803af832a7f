package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.share.File;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.smb.LeaseClient;
import io.dittofs.smb.SmbTestServer;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * Leases and oplocks (MS-SMB2 3.3.5.9.8, 3.3.5.9.11, 3.3.4.6, 3.3.4.7, 3.3.5.22): client A is a
 * raw SMB 2.1 client on a socket (smbj requests neither), client B is smbj; A's caching is broken
 * when B's open conflicts, B's CREATE waits for A's acknowledgment, and a change over NFSv3 (a
 * write with an NFS3 context through the runtime's coherent file system, the seam the NFS
 * adapter calls) breaks A's lease too.
 */
class SmbLeaseTest {
    private static final int R = LeaseClient.R;
    private static final int H = LeaseClient.H;
    private static final int W = LeaseClient.W;
    private static final int STATUS_SUCCESS = 0;
    private static final int STATUS_UNSUCCESSFUL = 0xC0000001;

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
        a = new LeaseClient(server.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, SmbTestServer.SHARE);
        b = new SmbjClient(server);
    }

    @AfterEach
    void disconnect() throws Exception {
        b.close();
        a.close();
    }

    private static byte[] key(int seed) {
        return LeaseClient.key(seed);
    }

    private CompletableFuture<File> openInBackground(String name, AccessMask access) {
        return CompletableFuture.supplyAsync(() -> b.share.openFile(
                name, EnumSet.of(access), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN_IF, null));
    }

    @Test
    void aWriterOnAnotherClientBreaksTheLeaseAndItsCreateWaitsForTheAcknowledgment() throws Exception {
        byte[] k = key(1);
        LeaseClient.Created mine = a.create("lw.txt", 0xFF, k, R | W | H);
        assertThat(mine.oplockLevel()).isEqualTo(0xFF);
        assertThat(mine.leaseState()).isEqualTo(R | W | H);

        CompletableFuture<File> writer = openInBackground("lw.txt", AccessMask.GENERIC_WRITE);
        assertThat(a.leaseBreak(k)).isEqualTo(new LeaseClient.Break(1, R | W | H, 0)); // ACK_REQUIRED, from RWH to none
        Thread.sleep(200);
        assertThat(writer).as("B's CREATE waits for A").isNotDone();

        assertThat(a.ackLease(k, 0)).isEqualTo(STATUS_SUCCESS);
        try (File f = writer.get(10, TimeUnit.SECONDS)) {
            f.write("from B".getBytes(StandardCharsets.UTF_8), 0);
        }
        assertThat(a.ackLease(k, 0)).as("no break outstanding").isEqualTo(STATUS_UNSUCCESSFUL);
    }

    @Test
    void aReaderBreaksOnlyWriteCachingThenAnNfs3WriteBreaksTheRest() throws Exception {
        byte[] k = key(2);
        assertThat(a.create("lr.txt", 0xFF, k, R | W | H).leaseState()).isEqualTo(R | W | H);

        CompletableFuture<File> reader = openInBackground("lr.txt", AccessMask.GENERIC_READ);
        assertThat(a.leaseBreak(k)).isEqualTo(new LeaseClient.Break(1, R | W | H, R | H));
        assertThat(a.ackLease(k, R | W)).as("more than the break allows").isNotEqualTo(STATUS_SUCCESS);
        assertThat(a.ackLease(k, R | H)).isEqualTo(STATUS_SUCCESS);
        reader.get(10, TimeUnit.SECONDS).close();

        // The NFS adapter's view of the share: a write without an open breaks read caching.
        FileSystem fs = server.shares.byName(SmbTestServer.SHARE).orElseThrow().fileSystem();
        AuthContext nfs = new AuthContext(
                Principal.ROOT, Protocol.NFS3, AuthFlavor.UNIX, new InetSocketAddress("127.0.0.1", 700));
        var node = fs.lookup(nfs, fs.root(), "lr.txt").id();
        CompletableFuture<?> nfsWrite = CompletableFuture.runAsync(
                () -> fs.write(nfs, node, 0, ByteBuffer.wrap(new byte[] {'n'}), Stability.FILE_SYNC));
        assertThat(a.leaseBreak(k)).isEqualTo(new LeaseClient.Break(1, R | H, 0));
        Thread.sleep(200);
        assertThat(nfsWrite).as("the NFS write waits for A").isNotDone();
        assertThat(a.ackLease(k, 0)).isEqualTo(STATUS_SUCCESS);
        nfsWrite.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReadOnlyLeaseIsBrokenWithoutWaiting() throws Exception {
        byte[] k = key(3);
        assertThat(a.create("lro.txt", 0xFF, k, R).leaseState()).isEqualTo(R);
        openInBackground("lro.txt", AccessMask.GENERIC_WRITE)
                .get(10, TimeUnit.SECONDS)
                .close();
        assertThat(a.leaseBreak(k)).isEqualTo(new LeaseClient.Break(0, R, 0)); // no ACK_REQUIRED
    }

    @Test
    void aLeaseIsNotGrantedWhatAnotherClientsWriterPrevents() throws Exception {
        try (File writer = b.share.openFile(
                "lx.txt",
                EnumSet.of(AccessMask.GENERIC_WRITE),
                null,
                SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN_IF,
                null)) {
            LeaseClient.Created c = a.create("lx.txt", 0xFF, key(4), R | W | H);
            assertThat(c.oplockLevel()).isZero();
            assertThat(c.leaseState()).isEqualTo(-1);
        }
    }

    @Test
    void aDurableHandleSurvivesALostConnectionAndIsReclaimedBySameUser() throws Exception {
        byte[] k = key(6);
        Map<String, byte[]> asked = new LinkedHashMap<>();
        asked.put("RqLs", LeaseClient.lease(k, R | W | H));
        asked.put("DHnQ", new byte[16]);
        LeaseClient.Created first = a.create("durable.txt", 0xFF, asked);
        assertThat(first.contexts()).containsKey("DHnQ");
        a.close(); // the connection drops without a CLOSE

        // Kept: its share reservation and lease are still there while it waits.
        assertThat(server.runtime
                        .opens()
                        .openCount(server.shares
                                .byName(SmbTestServer.SHARE)
                                .orElseThrow()
                                .id()))
                .isEqualTo(1);
        a = new LeaseClient(server.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, SmbTestServer.SHARE);
        Map<String, byte[]> reconnect = new LinkedHashMap<>();
        reconnect.put("RqLs", LeaseClient.lease(k, R | W | H));
        reconnect.put(
                "DHnC",
                ByteBuffer.allocate(16)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(first.persistent())
                        .putLong(first.volatileId())
                        .array());
        LeaseClient.Created back = a.reclaim("durable.txt", 0xFF, reconnect);
        assertThat(back).as("reclaimed").isNotNull();
        assertThat(back.persistent()).isEqualTo(first.persistent());
        assertThat(back.leaseState()).isEqualTo(R | W | H);
        assertThat(a.read(back, 1)).isIn(0, 0xC0000011); // usable: success or END_OF_FILE, not FILE_CLOSED
        // Taken once: a second reclaim finds nothing.
        assertThat(a.tryCreate("durable.txt", 0xFF, reconnect)).isNull();
    }

    @Test
    void aDurableHandleIsClosedWhenItsTimeoutRunsOut() throws Exception {
        Map<String, byte[]> asked = new LinkedHashMap<>();
        byte[] v2 = ByteBuffer.allocate(32)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(300) // Timeout: 300 ms
                .putInt(0)
                .putLong(0)
                .putLong(0x1234)
                .putLong(0x5678)
                .array(); // Flags, Reserved, CreateGuid
        asked.put("DH2Q", v2);
        LeaseClient.Created first = a.create("expires.txt", 0x09, asked); // a batch oplock
        assertThat(first.contexts()).containsKey("DH2Q");
        a.close();
        Thread.sleep(1500);
        a = new LeaseClient(server.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, SmbTestServer.SHARE);
        Map<String, byte[]> reconnect = new LinkedHashMap<>();
        reconnect.put(
                "DH2C",
                ByteBuffer.allocate(36)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(first.persistent())
                        .putLong(first.volatileId())
                        .putLong(0x1234)
                        .putLong(0x5678)
                        .putInt(0)
                        .array());
        assertThat(a.tryCreate("expires.txt", 0x09, reconnect)).isNull();
    }

    @Test
    void noDurableHandleWithoutHandleCaching() {
        Map<String, byte[]> asked = new LinkedHashMap<>();
        asked.put("DHnQ", new byte[16]);
        assertThat(a.create("plain.txt", 0, asked).contexts()).doesNotContainKey("DHnQ");
    }

    @Test
    void aBatchOplockIsBrokenToLevelTwoByAReader() throws Exception {
        LeaseClient.Created mine = a.create("ob.txt", 0x09, new byte[0], 0);
        assertThat(mine.oplockLevel()).isEqualTo(0x09);
        CompletableFuture<File> reader = openInBackground("ob.txt", AccessMask.GENERIC_READ);
        ByteBuf n = a.notification(10_000);
        assertThat(n).isNotNull();
        assertThat(n.getUnsignedShortLE(64)).isEqualTo(24);
        assertThat((int) n.getUnsignedByte(66)).isEqualTo(0x01); // to level II
        assertThat(n.getLongLE(64 + 8)).isEqualTo(mine.persistent());
        n.release();
        Thread.sleep(200);
        assertThat(reader).isNotDone();
        assertThat(a.ackOplock(mine, 0x01)).isEqualTo(STATUS_SUCCESS);
        reader.get(10, TimeUnit.SECONDS).close();
    }
}
