package io.dittofs.nfs.v4;

import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A COMPOUND request built op by op, for tests: {@code new Compound(1).op(OP_PUTROOTFH).call(rpc)}. */
final class Compound {
    private final int minor;
    private final List<Consumer<XdrWriter>> ops = new ArrayList<>();
    private int count;

    Compound(int minor) {
        this.minor = minor;
    }

    Compound op(int opcode, Consumer<XdrWriter> args) {
        ops.add(w -> {
            w.writeInt(opcode);
            args.accept(w);
        });
        count++;
        return this;
    }

    Compound op(int opcode) {
        return op(opcode, w -> {});
    }

    Compound sequence(byte[] session, int seqid, int slot, boolean cache) {
        return op(Nfs4.OP_SEQUENCE, w -> w.writeFixedOpaque(session)
                .writeInt(seqid)
                .writeInt(slot)
                .writeInt(slot)
                .writeBoolean(cache));
    }

    Compound lookup(String name) {
        return op(Nfs4.OP_LOOKUP, w -> w.writeString(name));
    }

    Compound getattr(int... words) {
        return op(Nfs4.OP_GETATTR, w -> {
            w.writeInt(words.length);
            for (int x : words) {
                w.writeInt(x);
            }
        });
    }

    void encode(XdrWriter w) {
        w.writeOpaque("test".getBytes(StandardCharsets.UTF_8)).writeInt(minor).writeInt(count);
        ops.forEach(o -> o.accept(w));
    }

    /** The reply's raw bytes (after the RPC header). */
    byte[] callRaw(RpcClient rpc, OpaqueAuth cred) {
        ByteBuf reply = rpc.await(rpc.callAsync(Nfs4.PROGRAM, Nfs4.VERSION, Nfs4.PROC_COMPOUND, cred, this::encode));
        try {
            return RpcClient.decode(reply, in -> ByteBufUtil.getBytes(in.rest()));
        } finally {
            reply.release();
        }
    }

    Reply call(RpcClient rpc, OpaqueAuth cred) {
        return Reply.of(callRaw(rpc, cred));
    }

    /** A COMPOUND4res: its status and a reader at the first result. */
    record Reply(int status, int results, XdrReader in) {
        static Reply of(byte[] raw) {
            XdrReader in = new XdrReader(io.netty.buffer.Unpooled.wrappedBuffer(raw));
            int status = in.readInt();
            in.readOpaque(1024);
            int n = in.readInt();
            return new Reply(status, n, in);
        }

        /** Reads the next result's opcode and status; fails unless the opcode is {@code opcode}. */
        int next(int opcode) {
            int op = in.readInt();
            if (op != opcode) {
                throw new AssertionError("result for op " + op + ", expected " + opcode);
            }
            return in.readInt();
        }

        /** Reads the next result and requires NFS4_OK. */
        XdrReader ok(int opcode) {
            int st = next(opcode);
            if (st != Nfsstat4.NFS4_OK) {
                throw new AssertionError("op " + opcode + " failed with " + st);
            }
            return in;
        }
    }
}
