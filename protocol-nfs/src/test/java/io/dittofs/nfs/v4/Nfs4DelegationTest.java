package io.dittofs.nfs.v4;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.client.Nfs3Client;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.BreakIntent;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read delegations of NFSv4.0 clients over the callback path of RFC 7530 section 10.2.1: granted
 * once CB_NULL answered, recalled with CB_RECALL (CB_COMPOUND, minor version 0, the client's
 * callback_ident) when someone else, over any protocol, opens the file for writing or changes
 * it; the conflicting operation answers NFS4ERR_DELAY (or, over NFSv3, waits) until DELEGRETURN.
 */
class Nfs4DelegationTest {
    private TestServer server;
    private RpcClient rpc;
    private CallbackListener callbacks;
    private Nfs40Session holder;
    private Nfs40Session other;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        rpc = server.connect("nfs");
        callbacks = new CallbackListener();
        holder = new Nfs40Session(rpc, TestServer.USER, "holder", "tcp", callbacks.universalAddress());
        assertThat(callbacks.next().procedure()).as("the CB_NULL probe").isZero();
        other = new Nfs40Session(rpc, TestServer.USER, "other", "tcp", "");
    }

    @AfterEach
    void stop() {
        rpc.close();
        callbacks.close();
        server.close();
    }

    /** The holder opens {@code name} for reading and gets a read delegation. */
    private Nfs40Session.Opened delegated(String name) {
        Nfs40Session.Opened o = holder.open(name, 1);
        assertThat(o.status()).isZero();
        assertThat(o.delegation()).as("a read delegation").isNotNull();
        return o;
    }

    /** The next callback is the CB_RECALL of {@code o}'s delegation, over minor version 0. */
    private void expectRecall(Nfs40Session.Opened o) throws InterruptedException {
        CallbackListener.Call c = callbacks.next();
        assertThat(c.procedure()).isEqualTo(1);
        assertThat(c.minorVersion()).isZero();
        assertThat(c.ident()).isEqualTo(77);
        assertThat(c.stateid()).isEqualTo(o.delegation());
        assertThat(c.fh()).isEqualTo(o.fh());
    }

    @Test
    void anotherClientsOpenForWritingIsDelayedUntilTheRecalledDelegationIsReturned() throws Exception {
        Nfs40Session.Opened o = delegated("f");
        assertThat(other.open("f", 1).delegation())
                .as("the other client has no callback path")
                .isNull();

        assertThat(other.open("f", 2).status()).isEqualTo(Nfsstat4.NFS4ERR_DELAY);
        expectRecall(o);
        assertThat(other.open("f", 2).status()).as("still out").isEqualTo(Nfsstat4.NFS4ERR_DELAY);
        assertThat(holder.delegreturn(o.fh(), o.delegation())).isZero();
        assertThat(other.open("f", 2).status()).isZero();

        // While the other client writes, nobody gets a read delegation.
        assertThat(holder.open("f", 1).delegation()).isNull();
    }

    @Test
    void removeRenameAndPermissionChangesOfAnotherClientRecallToo() throws Exception {
        Nfs40Session.Opened o = delegated("g");
        Compound chmod = new Compound(0)
                .op(Nfs4.OP_PUTFH, w -> w.writeOpaque(o.fh()))
                .op(Nfs4.OP_SETATTR, w -> {
                    w.writeFixedOpaque(new byte[16]); // the anonymous stateid
                    w.writeInt(2).writeInt(0).writeInt(1 << (33 - 32)); // mode
                    w.writeInt(4).writeInt(0600);
                });
        assertThat(chmod.call(rpc, TestServer.USER).status()).isEqualTo(Nfsstat4.NFS4ERR_DELAY);
        expectRecall(o);
        assertThat(holder.delegreturn(o.fh(), o.delegation())).isZero();
        assertThat(chmod.call(rpc, TestServer.USER).status()).isZero();

        Nfs40Session.Opened again = delegated("g");
        Compound rename = new Compound(0)
                .op(Nfs4.OP_PUTROOTFH)
                .lookup("export")
                .op(Nfs4.OP_SAVEFH)
                .op(Nfs4.OP_RENAME, w -> w.writeString("g").writeString("h"));
        assertThat(rename.call(rpc, TestServer.USER).status()).isEqualTo(Nfsstat4.NFS4ERR_DELAY);
        expectRecall(again);
        assertThat(holder.delegreturn(again.fh(), again.delegation())).isZero();
        assertThat(rename.call(rpc, TestServer.USER).status()).isZero();

        Nfs40Session.Opened third = delegated("h");
        Compound remove =
                new Compound(0).op(Nfs4.OP_PUTROOTFH).lookup("export").op(Nfs4.OP_REMOVE, w -> w.writeString("h"));
        assertThat(remove.call(rpc, TestServer.USER).status()).isEqualTo(Nfsstat4.NFS4ERR_DELAY);
        expectRecall(third);
        assertThat(holder.delegreturn(third.fh(), third.delegation())).isZero();
        assertThat(remove.call(rpc, TestServer.USER).status()).isZero();
    }

    @Test
    void anNfs3WriteWaitsForTheRecalledDelegation() throws Exception {
        Nfs40Session.Opened o = delegated("v3");
        try (TestServer.Mounted m = server.mount()) {
            Nfs3Client nfs3 = m.nfs();
            CompletableFuture<Write3.Res> write = CompletableFuture.supplyAsync(() -> nfs3.write(
                    new FileHandle3(o.fh()), 0, "new".getBytes(StandardCharsets.UTF_8), Stability.FILE_SYNC));
            expectRecall(o);
            assertThat(write).as("the write waits for the holder").isNotDone();
            assertThat(holder.delegreturn(o.fh(), o.delegation())).isZero();
            assertThat(write.get(10, TimeUnit.SECONDS)).isInstanceOf(Write3.Res.Ok.class);
        }
    }

    @Test
    void anSmbOpenForWritingRecallsThroughTheOpenTable() throws Exception {
        Nfs40Session.Opened o = delegated("smb");
        Nfs4Handle.ShareFile fh = (Nfs4Handle.ShareFile) Nfs4Handle.parse(o.fh());
        FileKey key = new FileKey(fh.shareId(), fh.node().fileId());
        OpenHandle smb = server.runtime.opens().open(key, "smb:x", new OpenMode(OpenMode.WRITE, 0));
        CompletableFuture<Void> broken = server.runtime.opens().breakConflicting(key, "smb:x", BreakIntent.OPEN_WRITE);
        expectRecall(o);
        assertThat(broken).isNotDone();
        assertThat(holder.delegreturn(o.fh(), o.delegation())).isZero();
        broken.get(10, TimeUnit.SECONDS);
        server.runtime.opens().close(smb);
    }

    @Test
    void aClientWhoseCallbackPathDoesNotAnswerGetsNoDelegation() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Nfs40Session unreachable = new Nfs40Session(
                rpc,
                TestServer.USER,
                "unreachable",
                "tcp",
                "127.0.0.1." + (closedPort >> 8) + "." + (closedPort & 0xFF));
        Nfs40Session.Opened o = unreachable.open("nodeleg", 1);
        assertThat(o.status()).isZero();
        assertThat(o.delegation()).isNull();
        // A reader does not disturb another reader's delegation.
        Nfs40Session.Opened d = delegated("nodeleg");
        assertThat(unreachable.open("nodeleg", 1).status()).isZero();
        assertThat(callbacks.isQuiet()).isTrue();
        assertThat(holder.delegreturn(d.fh(), d.delegation())).isZero();
    }
}
