package io.dittofs.nfs.v4;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.v4.attr.Attr4;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.Access;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.LockOwner;
import io.dittofs.runtime.lock.LockType;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.runtime.share.Share;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** COMPOUND over the real adapter: dispatch rules, the pseudo-root, sessions, opens and locks. */
class Nfs4CompoundTest {
    private TestServer server;
    private RpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        rpc = server.connect("nfs");
    }

    @AfterEach
    void stop() {
        rpc.close();
        server.close();
    }

    @Test
    void minorVersionTwoIsAMismatchWithNoResults() {
        Compound.Reply r = new Compound(2).op(Nfs4.OP_PUTROOTFH).call(rpc, TestServer.USER);
        assertThat(r.status()).isEqualTo(Nfsstat4.NFS4ERR_MINOR_VERS_MISMATCH);
        assertThat(r.results()).isZero();
    }

    @Test
    void unknownOperationsAreIllegalAndUnimplementedOnesNotSupported() {
        Compound.Reply r = new Compound(0).op(Nfs4.OP_PUTROOTFH).op(9999).call(rpc, TestServer.USER);
        assertThat(r.status()).isEqualTo(Nfsstat4.NFS4ERR_OP_ILLEGAL);
        r.ok(Nfs4.OP_PUTROOTFH);
        assertThat(r.next(Nfs4.OP_ILLEGAL)).isEqualTo(Nfsstat4.NFS4ERR_OP_ILLEGAL);

        Compound.Reply v41InV40 = new Compound(0).op(Nfs4.OP_EXCHANGE_ID).call(rpc, TestServer.USER);
        assertThat(v41InV40.next(Nfs4.OP_ILLEGAL)).isEqualTo(Nfsstat4.NFS4ERR_OP_ILLEGAL);

        Nfs4Session s = new Nfs4Session(rpc, TestServer.USER, "dispatch");
        Compound.Reply layout =
                s.compound().op(Nfs4.OP_PUTROOTFH).op(Nfs4.OP_LAYOUTGET).call(rpc, TestServer.USER);
        Nfs4Session.sequenceOk(layout);
        layout.ok(Nfs4.OP_PUTROOTFH);
        assertThat(layout.next(Nfs4.OP_LAYOUTGET)).isEqualTo(Nfsstat4.NFS4ERR_NOTSUPP);

        Compound.Reply renew =
                s.compound().op(Nfs4.OP_RENEW, w -> w.writeLong(1)).call(rpc, TestServer.USER);
        Nfs4Session.sequenceOk(renew);
        assertThat(renew.next(Nfs4.OP_RENEW)).isEqualTo(Nfsstat4.NFS4ERR_NOTSUPP);
    }

    @Test
    void minorVersionOneWantsSequenceFirst() {
        Compound.Reply r = new Compound(1).op(Nfs4.OP_PUTROOTFH).call(rpc, TestServer.USER);
        assertThat(r.status()).isEqualTo(Nfsstat4.NFS4ERR_OP_NOT_IN_SESSION);
    }

    @Test
    void thePseudoRootListsEveryShareAndLookupCrossesIntoIt() throws Exception {
        server.adapter.stop(java.time.Duration.ofSeconds(1));
        server.addShare("second", io.dittofs.runtime.share.ShareOptions.DEFAULTS);
        server.adapter.start(server.runtime);
        rpc.close();
        rpc = server.connect("nfs");
        Compound.Reply r = new Compound(0)
                .op(Nfs4.OP_PUTROOTFH)
                .op(Nfs4.OP_READDIR, w -> {
                    w.writeLong(0).writeLong(0).writeInt(4096).writeInt(8192);
                    w.writeInt(1).writeInt(1 << 20); // fileid
                })
                .lookup("export")
                .op(Nfs4.OP_GETFH)
                .op(Nfs4.OP_LOOKUPP)
                .op(Nfs4.OP_GETFH)
                .call(rpc, TestServer.USER);
        assertThat(r.status()).isZero();
        r.ok(Nfs4.OP_PUTROOTFH);
        XdrReader in = r.ok(Nfs4.OP_READDIR);
        in.readLong();
        List<String> names = new ArrayList<>();
        while (in.readBoolean()) {
            assertThat(in.readLong()).isGreaterThan(2);
            names.add(in.readString(255));
            in.readArrayLength(8);
            in.readInt();
            in.readOpaque(64);
        }
        assertThat(in.readBoolean()).isTrue();
        assertThat(names).containsExactly("export", "second");
        r.ok(Nfs4.OP_LOOKUP);
        Share export = server.shares.byName("export").orElseThrow();
        assertThat(r.ok(Nfs4.OP_GETFH).readOpaque(128))
                .isEqualTo(new Nfs4Handle.ShareFile(
                                export.id(), export.fileSystem().root())
                        .bytes());
        r.ok(Nfs4.OP_LOOKUPP);
        assertThat(r.ok(Nfs4.OP_GETFH).readOpaque(128)).isEqualTo(Nfs4Handle.ROOT.bytes());
    }

    /** OPEN4args for a create (UNCHECKED4, no attributes) of {@code name} by {@code owner}. */
    private static Compound open(Compound c, String owner, String name, int access, int deny) {
        return c.op(Nfs4.OP_OPEN, w -> {
            w.writeInt(0).writeInt(access).writeInt(deny);
            w.writeLong(0).writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
            w.writeInt(1).writeInt(0).writeInt(0).writeOpaque(new byte[0]); // OPEN4_CREATE, UNCHECKED4, empty fattr4
            w.writeInt(0).writeString(name); // CLAIM_NULL
        });
    }

    private static byte[] stateidOfOpen(Compound.Reply r) {
        XdrReader in = r.ok(Nfs4.OP_OPEN);
        byte[] sid = in.readFixedOpaque(16);
        in.readBoolean();
        in.readLong();
        in.readLong();
        in.readInt();
        in.readArrayLength(8);
        for (int i = 0; i < 0; i++) {
            in.readInt();
        }
        in.readInt();
        return sid;
    }

    @Test
    void anAclSetBySetattrIsReturnedByGetattrAndEnforced() {
        Share export = server.shares.byName("export").orElseThrow();
        FileSystem fs = export.fileSystem();
        AuthContext owner = AuthContext.internal(Principal.of(1000, 1000));
        onVirtualThread(() -> fs.createFile(owner, fs.root(), "acl", SetAttributes.mode(0644), CreateMode.GUARDED));
        int fileAttrs = 1 << Attr4.ACL;
        int mode = 1 << (Attr4.MODE - 32);
        Compound.Reply r = new Compound(0)
                .op(Nfs4.OP_PUTROOTFH)
                .lookup("export")
                .lookup("acl")
                .op(Nfs4.OP_SETATTR, w -> {
                    w.writeFixedOpaque(new byte[16]);
                    w.writeInt(1).writeInt(fileAttrs);
                    XdrWriter v = new XdrWriter(UnpooledByteBufAllocator.DEFAULT);
                    v.writeInt(3);
                    v.writeInt(1).writeInt(0).writeInt(0x1).writeString("1001"); // DENY READ_DATA to uid 1001
                    v.writeInt(0).writeInt(0).writeInt(0x7).writeString("OWNER@"); // ALLOW rwa
                    v.writeInt(0).writeInt(0x40).writeInt(0x1).writeString("EVERYONE@"); // IDENTIFIER_GROUP ignored
                    ByteBuf b = v.finish();
                    w.writeOpaque(ByteBufUtil.getBytes(b));
                    b.release();
                })
                .getattr(fileAttrs, mode)
                .call(rpc, TestServer.USER);
        assertThat(r.status()).isZero();
        r.ok(Nfs4.OP_PUTROOTFH);
        r.ok(Nfs4.OP_LOOKUP);
        r.ok(Nfs4.OP_LOOKUP);
        XdrReader set = r.ok(Nfs4.OP_SETATTR);
        assertThat(set.readArrayLength(4)).isEqualTo(1);
        assertThat(set.readInt()).isEqualTo(fileAttrs);
        XdrReader in = r.ok(Nfs4.OP_GETATTR);
        assertThat(in.readArrayLength(4)).isEqualTo(2);
        assertThat(in.readInt()).isEqualTo(fileAttrs);
        assertThat(in.readInt()).isEqualTo(mode);
        in.readInt(); // the values' length
        List<String> aces = new ArrayList<>();
        int count = in.readArrayLength(16);
        for (int i = 0; i < count; i++) {
            aces.add(in.readInt() + ":" + in.readInt() + ":" + Integer.toHexString(in.readInt()) + ":"
                    + in.readString(64));
        }
        assertThat(aces).containsExactly("1:0:1:1001", "0:0:7:OWNER@", "0:0:1:EVERYONE@");
        assertThat(Integer.toOctalString(in.readInt())).isEqualTo("644");

        AuthContext denied = AuthContext.internal(Principal.of(1001, 1001));
        AuthContext other = AuthContext.internal(Principal.of(1002, 1002));
        onVirtualThread(() -> {
            NodeId file = fs.lookup(owner, fs.root(), "acl").id();
            assertThat(fs.access(denied, file, Access.READ)).isZero();
            assertThat(fs.access(other, file, Access.READ)).isEqualTo(Access.READ);
            return null;
        });
    }

    /** Runs {@code op} as the adapter would: the file system refuses platform threads in these tests. */
    private static void onVirtualThread(Callable<?> op) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                op.call();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void aSessionWritesThroughAnOpenAndARetryGetsTheCachedReply() {
        Nfs4Session s = new Nfs4Session(rpc, TestServer.USER, "writer");
        Compound c = open(s.compound().op(Nfs4.OP_PUTROOTFH).lookup("export"), "o1", "file", 3, 0)
                .op(Nfs4.OP_WRITE, w -> {
                    w.writeInt(1).writeInt(0).writeLong(0); // the current stateid
                    w.writeLong(0).writeInt(Nfs4.FILE_SYNC4).writeOpaque("hello".getBytes(StandardCharsets.UTF_8));
                });
        byte[] first = c.callRaw(rpc, TestServer.USER);
        Compound.Reply r = Compound.Reply.of(first);
        assertThat(r.status()).isZero();
        byte[] retry = c.callRaw(rpc, TestServer.USER);
        assertThat(retry).isEqualTo(first);

        Compound.Reply misordered =
                new Compound(1).sequence(s.sessionId, s.seqid() + 5, 0, false).call(rpc, TestServer.USER);
        assertThat(misordered.status()).isEqualTo(Nfsstat4.NFS4ERR_SEQ_MISORDERED);
    }

    @Test
    void shareReservationsConflictWithOtherProtocolsOpens() {
        Nfs4Session a = new Nfs4Session(rpc, TestServer.USER, "client-a");
        Compound.Reply r = open(a.compound().op(Nfs4.OP_PUTROOTFH).lookup("export"), "o1", "shared", 1, 2)
                .op(Nfs4.OP_GETFH)
                .call(rpc, TestServer.USER);
        Nfs4Session.sequenceOk(r);
        r.ok(Nfs4.OP_PUTROOTFH);
        r.ok(Nfs4.OP_LOOKUP);
        stateidOfOpen(r);
        Nfs4Handle.ShareFile fh =
                (Nfs4Handle.ShareFile) Nfs4Handle.parse(r.ok(Nfs4.OP_GETFH).readOpaque(128));
        FileKey key = new FileKey(fh.shareId(), fh.node().fileId());

        // An SMB open for writing meets the NFSv4 client's deny-write.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> server.runtime.opens().open(key, "smb:x", new OpenMode(OpenMode.WRITE, 0))))
                .hasMessageContaining("conflicts");

        // And an SMB open denying reads keeps a second NFSv4 client out.
        OpenHandle smb = server.runtime.opens().open(key, "smb:y", new OpenMode(OpenMode.READ, 0));
        Nfs4Session b = new Nfs4Session(rpc, TestServer.USER, "client-b");
        Compound.Reply denied = open(b.compound().op(Nfs4.OP_PUTROOTFH).lookup("export"), "o2", "shared", 2, 0)
                .call(rpc, TestServer.USER);
        assertThat(denied.status()).isEqualTo(Nfsstat4.NFS4ERR_SHARE_DENIED);
        server.runtime.opens().close(smb);
    }

    @Test
    void nfs4LocksConflictWithLocksOfOtherProtocols() {
        Nfs4Session s = new Nfs4Session(rpc, TestServer.USER, "locker");
        Compound.Reply r = open(s.compound().op(Nfs4.OP_PUTROOTFH).lookup("export"), "o1", "locked", 3, 0)
                .op(Nfs4.OP_GETFH)
                .call(rpc, TestServer.USER);
        Nfs4Session.sequenceOk(r);
        r.ok(Nfs4.OP_PUTROOTFH);
        r.ok(Nfs4.OP_LOOKUP);
        byte[] openSid = stateidOfOpen(r);
        byte[] fhBytes = r.ok(Nfs4.OP_GETFH).readOpaque(128);
        Nfs4Handle.ShareFile fh = (Nfs4Handle.ShareFile) Nfs4Handle.parse(fhBytes);
        FileKey key = new FileKey(fh.shareId(), fh.node().fileId());
        server.runtime.locks().tryLock(key, new LockOwner("nlm:host:1"), LockType.EXCLUSIVE, new ByteRange(0, 10));

        Compound.Reply lock = s.compound()
                .op(Nfs4.OP_PUTFH, w -> w.writeOpaque(fhBytes))
                .op(Nfs4.OP_LOCK, w -> {
                    w.writeInt(2).writeBoolean(false).writeLong(5).writeLong(10);
                    w.writeBoolean(true).writeInt(0).writeFixedOpaque(openSid).writeInt(0);
                    w.writeLong(s.clientId).writeOpaque("lo".getBytes(StandardCharsets.UTF_8));
                })
                .call(rpc, TestServer.USER);
        assertThat(lock.status()).isEqualTo(Nfsstat4.NFS4ERR_DENIED);

        Compound.Reply free = s.compound()
                .op(Nfs4.OP_PUTFH, w -> w.writeOpaque(fhBytes))
                .op(Nfs4.OP_LOCK, w -> {
                    w.writeInt(2).writeBoolean(false).writeLong(20).writeLong(-1);
                    w.writeBoolean(true).writeInt(0).writeFixedOpaque(openSid).writeInt(0);
                    w.writeLong(s.clientId).writeOpaque("lo".getBytes(StandardCharsets.UTF_8));
                })
                .call(rpc, TestServer.USER);
        assertThat(free.status()).isZero();
        assertThat(server.runtime.locks().tryLock(key, new LockOwner("smb:z"), LockType.SHARED, new ByteRange(30, 40)))
                .isPresent();
    }
}
