package io.dittofs.nfs.v4;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.client.RpcClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Callbacks over an NFSv4.1 session's back channel (RFC 8881 section 20): CB_SEQUENCE, then
 * CB_RECALL of a read delegation when another client opens the file for writing, or
 * CB_NOTIFY_LOCK once a range a blocking LOCK was denied is free.
 */
class Nfs41CallbackTest {
    private static final int OP_CB_SEQUENCE = 11;
    private static final int OP_CB_RECALL = 4;
    private static final int OP_CB_NOTIFY_LOCK = 13;
    private static final int OPEN4_RESULT_MAY_NOTIFY_LOCK = 0x20;
    private static final int WRITE_LT = 2;
    private static final int WRITEW_LT = 4;

    /** A CB_COMPOUND's second operation: its number and arguments' bytes of interest. */
    record Callback(int op, byte[] fh, byte[] stateidOrOwner, long clientId) {}

    private TestServer server;
    private RpcClient rpcA;
    private RpcClient rpcB;
    private final BlockingQueue<Callback> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        rpcA = server.connect("nfs");
        rpcB = server.connect("nfs");
        rpcA.serveCalls((call, in, out) -> {
            in.readOpaque(64);
            in.readInt();
            in.readInt();
            int n = in.readInt();
            assertThat(n).isEqualTo(2);
            assertThat(in.readInt()).isEqualTo(OP_CB_SEQUENCE);
            in.readFixedOpaque(16);
            for (int i = 0; i < 3; i++) {
                in.readInt();
            }
            in.readBoolean();
            in.readArrayLength(0);
            int op = in.readInt();
            switch (op) {
                case OP_CB_RECALL -> {
                    byte[] sid = in.readFixedOpaque(16);
                    in.readBoolean();
                    received.add(new Callback(op, in.readOpaque(128), sid, 0));
                }
                case OP_CB_NOTIFY_LOCK -> {
                    byte[] fh = in.readOpaque(128);
                    long clientId = in.readLong();
                    received.add(new Callback(op, fh, in.readOpaque(1024), clientId));
                }
                default -> throw new AssertionError("callback op " + op);
            }
            out.writeInt(0).writeOpaque(new byte[0]).writeInt(0);
        });
    }

    @AfterEach
    void stop() {
        rpcA.close();
        rpcB.close();
        server.close();
    }

    private Callback nextCallback() throws InterruptedException {
        Callback c = received.poll(10, TimeUnit.SECONDS);
        assertThat(c).as("a callback").isNotNull();
        return c;
    }

    /** OPEN (create) of {@code name} by {@code owner}, then GETFH. */
    private static Compound open(Compound c, String owner, String name, int access) {
        return c.op(Nfs4.OP_PUTROOTFH)
                .lookup("export")
                .op(Nfs4.OP_OPEN, w -> {
                    w.writeInt(0).writeInt(access).writeInt(0);
                    w.writeLong(0).writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
                    w.writeInt(1).writeInt(0).writeInt(0).writeOpaque(new byte[0]);
                    w.writeInt(0).writeString(name);
                })
                .op(Nfs4.OP_GETFH);
    }

    /** What OPEN answered: stateid, result flags, delegation stateid (or null) and handle. */
    record Opened(byte[] stateid, int rflags, byte[] delegation, byte[] fh) {}

    private static Opened opened(Compound.Reply r) {
        Nfs4Session.sequenceOk(r);
        r.ok(Nfs4.OP_PUTROOTFH);
        r.ok(Nfs4.OP_LOOKUP);
        OpenRes res = OpenRes.decode(r.ok(Nfs4.OP_OPEN));
        return new Opened(
                res.stateid(),
                res.rflags(),
                res.delegation(),
                r.ok(Nfs4.OP_GETFH).readOpaque(128));
    }

    @Test
    void aReadDelegationIsRecalledOverTheBackChannel() throws Exception {
        Nfs4Session a = new Nfs4Session(rpcA, TestServer.USER, "reader", true);
        Nfs4Session b = new Nfs4Session(rpcB, TestServer.USER, "writer");
        Opened o = opened(open(a.compound(), "oa", "r", 1).call(rpcA, TestServer.USER));
        assertThat(o.delegation()).as("a read delegation").isNotNull();

        Compound.Reply denied = open(b.compound(), "ob", "r", 2).call(rpcB, TestServer.USER);
        assertThat(denied.status()).isEqualTo(Nfsstat4.NFS4ERR_DELAY);
        Callback c = nextCallback();
        assertThat(c.op()).isEqualTo(OP_CB_RECALL);
        assertThat(c.stateidOrOwner()).isEqualTo(o.delegation());
        assertThat(c.fh()).isEqualTo(o.fh());

        Compound.Reply returned = a.compound()
                .op(Nfs4.OP_PUTFH, w -> w.writeOpaque(o.fh()))
                .op(Nfs4.OP_DELEGRETURN, w -> w.writeFixedOpaque(o.delegation()))
                .call(rpcA, TestServer.USER);
        assertThat(returned.status()).isZero();
        assertThat(open(b.compound(), "ob", "r", 2).call(rpcB, TestServer.USER).status())
                .isZero();
    }

    @Test
    void aBlockedLockHearsWithCbNotifyLockThatTheRangeIsFree() throws Exception {
        Nfs4Session a = new Nfs4Session(rpcA, TestServer.USER, "waiter", true);
        Nfs4Session b = new Nfs4Session(rpcB, TestServer.USER, "holder");
        Opened oa = opened(open(a.compound(), "oa", "l", 3).call(rpcA, TestServer.USER));
        assertThat(oa.rflags() & OPEN4_RESULT_MAY_NOTIFY_LOCK).isNotZero();
        Opened ob = opened(open(b.compound(), "ob", "l", 3).call(rpcB, TestServer.USER));
        assertThat(ob.rflags() & OPEN4_RESULT_MAY_NOTIFY_LOCK)
                .as("no back channel")
                .isZero();

        Compound.Reply held = lock(b.compound(), ob, WRITE_LT, "lb").call(rpcB, TestServer.USER);
        Nfs4Session.sequenceOk(held);
        held.ok(Nfs4.OP_PUTFH);
        byte[] lockSid = held.ok(Nfs4.OP_LOCK).readFixedOpaque(16);

        Compound blocking = lock(a.compound(), oa, WRITEW_LT, "la");
        assertThat(blocking.call(rpcA, TestServer.USER).status()).isEqualTo(Nfsstat4.NFS4ERR_DENIED);
        assertThat(received).isEmpty();

        Compound.Reply unlocked = b.compound()
                .op(Nfs4.OP_PUTFH, w -> w.writeOpaque(ob.fh()))
                .op(Nfs4.OP_LOCKU, w -> w.writeInt(WRITE_LT)
                        .writeInt(0)
                        .writeFixedOpaque(lockSid)
                        .writeLong(0)
                        .writeLong(10))
                .call(rpcB, TestServer.USER);
        assertThat(unlocked.status()).isZero();
        Callback c = nextCallback();
        assertThat(c.op()).isEqualTo(OP_CB_NOTIFY_LOCK);
        assertThat(c.fh()).isEqualTo(oa.fh());
        assertThat(c.clientId()).isEqualTo(a.clientId);
        assertThat(new String(c.stateidOrOwner(), StandardCharsets.UTF_8)).isEqualTo("la");
        assertThat(lock(a.compound(), oa, WRITEW_LT, "la")
                        .call(rpcA, TestServer.USER)
                        .status())
                .isZero();
    }

    /** LOCK of bytes 0-9 by a new lock owner {@code owner} under the open {@code o}. */
    private static Compound lock(Compound c, Opened o, int type, String owner) {
        return c.op(Nfs4.OP_PUTFH, w -> w.writeOpaque(o.fh())).op(Nfs4.OP_LOCK, w -> {
            w.writeInt(type).writeBoolean(false).writeLong(0).writeLong(10);
            w.writeBoolean(true).writeInt(0).writeFixedOpaque(o.stateid()).writeInt(0);
            w.writeLong(0).writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
        });
    }
}
