package io.dittofs.nfs.v3;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.rpc.Rpc;
import io.dittofs.nfs.rpc.RpcCall;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpArgs3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.nfs.v3.xdr.WccRes3;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retransmitted non-idempotent calls get the first reply (the duplicate request cache). */
class DuplicateRequestTest {
    private static TestServer server;
    private static TestServer.Mounted m;

    @BeforeAll
    static void start() throws Exception {
        io.dittofs.nfs.Leaks.install();
        server = TestServer.start();
        m = server.mount();
    }

    @AfterAll
    static void stop() {
        m.close();
        server.close();
        io.dittofs.nfs.Leaks.assertNone();
    }

    /** Sends the same call (same xid) on {@code rpc} and returns the raw reply. */
    private static byte[] send(RpcClient rpc, int xid, int proc, XdrEncodable args) {
        XdrWriter w = new XdrWriter(rpc.alloc());
        new RpcCall(xid, Rpc.RPC_VERSION, Nfs3.PROGRAM, Nfs3.VERSION, proc, TestServer.USER, OpaqueAuth.NONE).encode(w);
        args.encode(w);
        ByteBuf reply = rpc.await(rpc.sendRaw(xid, w.finish()));
        try {
            return ByteBufUtil.getBytes(reply);
        } finally {
            reply.release();
        }
    }

    private static <T> T decode(byte[] reply, Function<io.dittofs.nfs.xdr.XdrReader, T> results) {
        ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(reply);
        return RpcClient.decode(b, results);
    }

    @Test
    void aRetransmittedCreateGetsTheFirstReplyNotExist() {
        int xid = m.rpc().nextXid();
        var args = new Create3.Args(new DirOpArgs3(m.root(), "drc-create"), new Create3.How.Guarded(Sattr3.NONE));
        byte[] first = send(m.rpc(), xid, Nfs3.NFSPROC3_CREATE, args);
        byte[] again = send(m.rpc(), xid, Nfs3.NFSPROC3_CREATE, args);
        assertThat(decode(first, DirOpRes3::decode)).isInstanceOf(DirOpRes3.Ok.class);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aRemoveRetransmittedOnANewConnectionGetsTheFirstReplyNotNoent() throws Exception {
        m.nfs().create(m.root(), "drc-remove", new Create3.How.Guarded(Sattr3.NONE));
        int xid = m.rpc().nextXid();
        var args = new DirOpArgs3(m.root(), "drc-remove");
        byte[] first = send(m.rpc(), xid, Nfs3.NFSPROC3_REMOVE, args);
        try (RpcClient reconnected = server.connect("nfs")) {
            byte[] again = send(reconnected, xid, Nfs3.NFSPROC3_REMOVE, args);
            assertThat(again).isEqualTo(first);
        }
        assertThat(decode(first, WccRes3::decode).status()).isEqualTo(io.dittofs.nfs.v3.xdr.Nfsstat3.NFS3_OK);
    }

    @Test
    void theSameXidWithOtherArgumentsIsANewCall() {
        int xid = m.rpc().nextXid();
        byte[] a = send(
                m.rpc(),
                xid,
                Nfs3.NFSPROC3_CREATE,
                new Create3.Args(new DirOpArgs3(m.root(), "drc-a"), new Create3.How.Guarded(Sattr3.NONE)));
        byte[] b = send(
                m.rpc(),
                xid,
                Nfs3.NFSPROC3_CREATE,
                new Create3.Args(new DirOpArgs3(m.root(), "drc-b"), new Create3.How.Guarded(Sattr3.NONE)));
        assertThat(decode(a, DirOpRes3::decode)).isInstanceOf(DirOpRes3.Ok.class);
        assertThat(decode(b, DirOpRes3::decode)).isInstanceOf(DirOpRes3.Ok.class);
        assertThat(b).isNotEqualTo(a);
    }
}
