package io.dittofs.nfs.v4;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.xdr.XdrReader;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An NFSv4.0 client for tests: SETCLIENTID (with the callback address given) and its
 * confirmation done, one open-owner whose seqid it keeps (RFC 7530 section 9.1.7).
 */
final class Nfs40Session {
    private static final int OPEN4_RESULT_CONFIRM = 2;

    final RpcClient rpc;
    final OpaqueAuth cred;
    final long clientId;
    private final byte[] owner;
    private int seqid;

    /** What OPEN gave: its status and, when OK, the open stateid, the handle and any read delegation. */
    record Opened(int status, byte @Nullable [] stateid, byte @Nullable [] fh, byte @Nullable [] delegation) {}

    Nfs40Session(RpcClient rpc, OpaqueAuth cred, String name, String netid, String callbackAddress) {
        this.rpc = rpc;
        this.cred = cred;
        this.owner = (name + "-owner").getBytes(StandardCharsets.UTF_8);
        Compound.Reply r = new Compound(0)
                .op(Nfs4.OP_SETCLIENTID, w -> {
                    w.writeLong(7).writeOpaque(name.getBytes(StandardCharsets.UTF_8));
                    w.writeInt(CallbackListener.PROGRAM).writeString(netid).writeString(callbackAddress);
                    w.writeInt(77); // callback_ident
                })
                .call(rpc, cred);
        XdrReader in = r.ok(Nfs4.OP_SETCLIENTID);
        clientId = in.readLong();
        long confirm = in.readLong();
        Compound.Reply c = new Compound(0)
                .op(Nfs4.OP_SETCLIENTID_CONFIRM, w -> w.writeLong(clientId).writeLong(confirm))
                .call(rpc, cred);
        assertThat(c.status()).isZero();
    }

    /** OPEN of {@code name} in the export (created when missing), confirmed when the server asks. */
    Opened open(String name, int access) {
        int mine = seqid;
        Compound.Reply r = new Compound(0)
                .op(Nfs4.OP_PUTROOTFH)
                .lookup("export")
                .op(Nfs4.OP_OPEN, w -> {
                    w.writeInt(mine).writeInt(access).writeInt(0);
                    w.writeLong(clientId).writeOpaque(owner);
                    w.writeInt(1).writeInt(0).writeInt(0).writeOpaque(new byte[0]); // OPEN4_CREATE, UNCHECKED4
                    w.writeInt(0).writeString(name); // CLAIM_NULL
                })
                .op(Nfs4.OP_GETFH)
                .call(rpc, cred);
        r.ok(Nfs4.OP_PUTROOTFH);
        r.ok(Nfs4.OP_LOOKUP);
        int status = r.next(Nfs4.OP_OPEN);
        seqid++; // every status of OPEN here advances the owner's seqid (section 9.1.7)
        if (status != Nfsstat4.NFS4_OK) {
            return new Opened(status, null, null, null);
        }
        OpenRes res = OpenRes.decode(r.in());
        byte[] sid = res.stateid();
        int rflags = res.rflags();
        byte[] deleg = res.delegation();
        byte[] fh = r.ok(Nfs4.OP_GETFH).readOpaque(128);
        if ((rflags & OPEN4_RESULT_CONFIRM) != 0) {
            byte[] opened = sid;
            int confirmSeqid = seqid++;
            Compound.Reply c = new Compound(0)
                    .op(Nfs4.OP_PUTFH, w -> w.writeOpaque(fh))
                    .op(Nfs4.OP_OPEN_CONFIRM, w -> w.writeFixedOpaque(opened).writeInt(confirmSeqid))
                    .call(rpc, cred);
            c.ok(Nfs4.OP_PUTFH);
            sid = c.ok(Nfs4.OP_OPEN_CONFIRM).readFixedOpaque(16);
        }
        return new Opened(status, sid, fh, deleg);
    }

    /** DELEGRETURN of a delegation of the file {@code fh}: its status. */
    int delegreturn(byte[] fh, byte[] delegation) {
        Compound.Reply r = new Compound(0)
                .op(Nfs4.OP_PUTFH, w -> w.writeOpaque(fh))
                .op(Nfs4.OP_DELEGRETURN, w -> w.writeFixedOpaque(delegation))
                .call(rpc, cred);
        return r.status();
    }
}
