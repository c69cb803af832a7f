package io.dittofs.nfs.v4;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.xdr.XdrReader;
import java.nio.charset.StandardCharsets;

/** An NFSv4.1 client for tests: EXCHANGE_ID and CREATE_SESSION done, one slot used in order. */
final class Nfs4Session {
    final RpcClient rpc;
    final OpaqueAuth cred;
    final long clientId;
    final byte[] sessionId;
    private int seqid;

    Nfs4Session(RpcClient rpc, OpaqueAuth cred, String owner) {
        this(rpc, cred, owner, false);
    }

    /** With {@code backChannel}, the connection is also the session's back channel (CONN_BACK_CHAN). */
    Nfs4Session(RpcClient rpc, OpaqueAuth cred, String owner, boolean backChannel) {
        this.rpc = rpc;
        this.cred = cred;
        Compound.Reply x = new Compound(1)
                .op(Nfs4.OP_EXCHANGE_ID, w -> {
                    w.writeLong(42).writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
                    w.writeInt(0).writeInt(0).writeInt(0); // flags, SP4_NONE, no impl id
                })
                .call(rpc, cred);
        XdrReader in = x.ok(Nfs4.OP_EXCHANGE_ID);
        clientId = in.readLong();
        int csSeq = in.readInt();
        Compound.Reply cs = new Compound(1)
                .op(Nfs4.OP_CREATE_SESSION, w -> {
                    w.writeLong(clientId).writeInt(csSeq).writeInt(backChannel ? 2 : 0);
                    for (int i = 0; i < 2; i++) {
                        w.writeInt(0)
                                .writeInt(1 << 20)
                                .writeInt(1 << 20)
                                .writeInt(8192)
                                .writeInt(16)
                                .writeInt(8)
                                .writeInt(0);
                    }
                    w.writeInt(0x40000000).writeInt(1).writeInt(0); // cb_program, one AUTH_NONE
                })
                .call(rpc, cred);
        assertThat(cs.status()).isZero();
        sessionId = cs.ok(Nfs4.OP_CREATE_SESSION).readFixedOpaque(16);
    }

    /** A COMPOUND starting with this session's next SEQUENCE on slot 0. */
    Compound compound(boolean cache) {
        return new Compound(1).sequence(sessionId, ++seqid, 0, cache);
    }

    Compound compound() {
        return compound(true);
    }

    int seqid() {
        return seqid;
    }

    /** Skips a SEQUENCE result, requiring it OK. */
    static void sequenceOk(Compound.Reply r) {
        XdrReader in = r.ok(Nfs4.OP_SEQUENCE);
        in.readFixedOpaque(16);
        for (int i = 0; i < 5; i++) {
            in.readInt();
        }
    }
}
