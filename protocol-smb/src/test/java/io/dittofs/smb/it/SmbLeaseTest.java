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
import io.dittofs.smb.RawClient;
import io.dittofs.smb.Requests;
import io.dittofs.smb.SmbTestServer;
import io.dittofs.smb.TcpSmb;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
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
    private static final int R = 1;
    private static final int H = 2;
    private static final int W = 4;
    private static final int GENERIC_READ_WRITE = 0xC0000000;
    private static final int SHARE_ALL = 7;
    private static final int FILE_OPEN_IF = 3;
    private static final int STATUS_SUCCESS = 0;
    private static final int STATUS_UNSUCCESSFUL = 0xC0000001;

    private static SmbTestServer server;
    private TcpSmb socket;
    private RawClient a;
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
        socket = new TcpSmb(server.port());
        a = new RawClient(socket);
        a.login(SmbTestServer.USER, SmbTestServer.PASSWORD);
        b = new SmbjClient(server);
    }

    @AfterEach
    void disconnect() throws Exception {
        b.close();
        socket.close();
    }

    /** What A's CREATE got: the open, OplockLevel and the granted lease state (-1: no lease context). */
    private record Created(long persistent, long volatileId, int oplockLevel, int leaseState) {}

    private Created create(String name, int oplockLevel, byte[] leaseKey, int leaseState) {
        ByteBuf m = Requests.header(Smb2Command.CREATE, a.nextMessageId(), a.sessionId, a.treeId);
        byte[] path = name.getBytes(StandardCharsets.UTF_16LE);
        int contextsAt = 120 + ((path.length + 7) & ~7);
        boolean lease = leaseKey.length > 0;
        m.writeShortLE(57).writeByte(0).writeByte(oplockLevel); // StructureSize, SecurityFlags, RequestedOplockLevel
        m.writeIntLE(2).writeLongLE(0).writeLongLE(0); // ImpersonationLevel, SmbCreateFlags, Reserved
        m.writeIntLE(GENERIC_READ_WRITE)
                .writeIntLE(0)
                .writeIntLE(SHARE_ALL); // DesiredAccess, FileAttributes, ShareAccess
        m.writeIntLE(FILE_OPEN_IF).writeIntLE(0x40); // CreateDisposition, CreateOptions: NON_DIRECTORY_FILE
        m.writeShortLE(120).writeShortLE(path.length); // NameOffset, NameLength
        m.writeIntLE(lease ? contextsAt : 0).writeIntLE(lease ? 56 : 0); // CreateContextsOffset, Length
        m.writeBytes(path);
        if (lease) {
            m.writeZero(contextsAt - m.writerIndex());
            m.writeIntLE(0).writeShortLE(16).writeShortLE(4); // Next, NameOffset, NameLength
            m.writeShortLE(0).writeShortLE(24).writeIntLE(32); // Reserved, DataOffset, DataLength
            m.writeBytes("RqLs".getBytes(StandardCharsets.US_ASCII)).writeZero(4); // Name, Padding
            m.writeBytes(leaseKey).writeIntLE(leaseState).writeIntLE(0).writeLongLE(0); // SMB2_CREATE_REQUEST_LEASE
        }
        ByteBuf r = socket.exchange(m);
        try {
            assertThat(Smb2Header.decode(r).status()).isZero();
            int granted = -1;
            long ctxOffset = r.getUnsignedIntLE(64 + 80);
            if (r.getUnsignedIntLE(64 + 84) > 0) {
                int at = (int) ctxOffset;
                int dataAt = at + r.getUnsignedShortLE(at + 10);
                byte[] key = new byte[16];
                r.getBytes(dataAt, key);
                assertThat(key).isEqualTo(leaseKey);
                granted = r.getIntLE(dataAt + 16);
            }
            return new Created(r.getLongLE(64 + 64), r.getLongLE(64 + 72), r.getUnsignedByte(64 + 2), granted);
        } finally {
            r.release();
        }
    }

    private int ackLease(byte[] key, int state) {
        ByteBuf m = Requests.header(Smb2Command.OPLOCK_BREAK, a.nextMessageId(), a.sessionId, a.treeId);
        m.writeShortLE(36)
                .writeShortLE(0)
                .writeIntLE(0)
                .writeBytes(key)
                .writeIntLE(state)
                .writeLongLE(0);
        ByteBuf r = socket.exchange(m);
        int status = Smb2Header.decode(r).status();
        r.release();
        return status;
    }

    private int ackOplock(Created open, int level) {
        ByteBuf m = Requests.header(Smb2Command.OPLOCK_BREAK, a.nextMessageId(), a.sessionId, a.treeId);
        m.writeShortLE(24).writeByte(level).writeByte(0).writeIntLE(0);
        m.writeLongLE(open.persistent()).writeLongLE(open.volatileId());
        ByteBuf r = socket.exchange(m);
        int status = Smb2Header.decode(r).status();
        r.release();
        return status;
    }

    /** A lease break notification: {flags, current, new}. */
    private int[] leaseBreak(byte[] key) throws InterruptedException {
        ByteBuf n = socket.notification(10_000);
        assertThat(n).as("a lease break").isNotNull();
        try {
            Smb2Header h = Smb2Header.decode(n);
            assertThat(h.command()).isEqualTo(Smb2Command.OPLOCK_BREAK.code());
            assertThat(n.getUnsignedShortLE(64)).isEqualTo(44);
            byte[] k = new byte[16];
            n.getBytes(72, k);
            assertThat(k).isEqualTo(key);
            return new int[] {n.getIntLE(68), n.getIntLE(88), n.getIntLE(92)};
        } finally {
            n.release();
        }
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[16];
        k[0] = (byte) seed;
        k[15] = (byte) 0x5A;
        return k;
    }

    private CompletableFuture<File> openInBackground(String name, AccessMask access) {
        return CompletableFuture.supplyAsync(() -> b.share.openFile(
                name, EnumSet.of(access), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN_IF, null));
    }

    @Test
    void aWriterOnAnotherClientBreaksTheLeaseAndItsCreateWaitsForTheAcknowledgment() throws Exception {
        byte[] k = key(1);
        Created mine = create("lw.txt", 0xFF, k, R | W | H);
        assertThat(mine.oplockLevel()).isEqualTo(0xFF);
        assertThat(mine.leaseState()).isEqualTo(R | W | H);

        CompletableFuture<File> writer = openInBackground("lw.txt", AccessMask.GENERIC_WRITE);
        int[] brk = leaseBreak(k);
        assertThat(brk).containsExactly(1, R | W | H, 0); // ACK_REQUIRED, from RWH to none
        Thread.sleep(200);
        assertThat(writer).as("B's CREATE waits for A").isNotDone();

        assertThat(ackLease(k, 0)).isEqualTo(STATUS_SUCCESS);
        try (File f = writer.get(10, TimeUnit.SECONDS)) {
            f.write("from B".getBytes(StandardCharsets.UTF_8), 0);
        }
        assertThat(ackLease(k, 0)).as("no break outstanding").isEqualTo(STATUS_UNSUCCESSFUL);
    }

    @Test
    void aReaderBreaksOnlyWriteCachingThenAnNfs3WriteBreaksTheRest() throws Exception {
        byte[] k = key(2);
        assertThat(create("lr.txt", 0xFF, k, R | W | H).leaseState()).isEqualTo(R | W | H);

        CompletableFuture<File> reader = openInBackground("lr.txt", AccessMask.GENERIC_READ);
        assertThat(leaseBreak(k)).containsExactly(1, R | W | H, R | H);
        assertThat(ackLease(k, R | W)).as("more than the break allows").isNotEqualTo(STATUS_SUCCESS);
        assertThat(ackLease(k, R | H)).isEqualTo(STATUS_SUCCESS);
        reader.get(10, TimeUnit.SECONDS).close();

        // The NFS adapter's view of the share: a write without an open breaks read caching.
        FileSystem fs = server.shares.byName(SmbTestServer.SHARE).orElseThrow().fileSystem();
        AuthContext nfs = new AuthContext(
                Principal.ROOT, Protocol.NFS3, AuthFlavor.UNIX, new InetSocketAddress("127.0.0.1", 700));
        var node = fs.lookup(nfs, fs.root(), "lr.txt").id();
        CompletableFuture<?> nfsWrite = CompletableFuture.runAsync(
                () -> fs.write(nfs, node, 0, ByteBuffer.wrap(new byte[] {'n'}), Stability.FILE_SYNC));
        assertThat(leaseBreak(k)).containsExactly(1, R | H, 0);
        Thread.sleep(200);
        assertThat(nfsWrite).as("the NFS write waits for A").isNotDone();
        assertThat(ackLease(k, 0)).isEqualTo(STATUS_SUCCESS);
        nfsWrite.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReadOnlyLeaseIsBrokenWithoutWaiting() throws Exception {
        byte[] k = key(3);
        assertThat(create("lro.txt", 0xFF, k, R).leaseState()).isEqualTo(R);
        openInBackground("lro.txt", AccessMask.GENERIC_WRITE)
                .get(10, TimeUnit.SECONDS)
                .close();
        assertThat(leaseBreak(k)).containsExactly(0, R, 0); // no ACK_REQUIRED
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
            Created c = create("lx.txt", 0xFF, key(4), R | W | H);
            assertThat(c.oplockLevel()).isZero();
            assertThat(c.leaseState()).isEqualTo(-1);
        }
    }

    @Test
    void aBatchOplockIsBrokenToLevelTwoByAReader() throws Exception {
        Created mine = create("ob.txt", 0x09, new byte[0], 0);
        assertThat(mine.oplockLevel()).isEqualTo(0x09);
        CompletableFuture<File> reader = openInBackground("ob.txt", AccessMask.GENERIC_READ);
        ByteBuf n = socket.notification(10_000);
        assertThat(n).isNotNull();
        assertThat(n.getUnsignedShortLE(64)).isEqualTo(24);
        assertThat((int) n.getUnsignedByte(66)).isEqualTo(0x01); // to level II
        assertThat(n.getLongLE(64 + 8)).isEqualTo(mine.persistent());
        n.release();
        Thread.sleep(200);
        assertThat(reader).isNotDone();
        assertThat(ackOplock(mine, 0x01)).isEqualTo(STATUS_SUCCESS);
        reader.get(10, TimeUnit.SECONDS).close();
    }
}
