package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.auth.AuthContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every transport does with a call record (RFC 5531 section 9): {@link #route} reads the
 * call header and decides (answer at once, ignore, close, or dispatch); {@link #execute} runs a
 * dispatched call through the duplicate request cache and the procedure, and builds the reply.
 * Used by the TCP handler ({@link RpcServerHandler}) and the UDP one ({@link RpcDatagramHandler}).
 */
final class RpcCalls {
    private static final Logger log = LoggerFactory.getLogger(RpcCalls.class);

    private RpcCalls() {}

    /** What to do with a record. */
    sealed interface Routed {
        /** Not even an xid and a message type: the stream cannot be trusted. */
        record Close() implements Routed {}

        /** Not a call (a reply, say): nothing to answer. */
        record Ignore() implements Routed {}

        /** A reply to a call of ours on the back channel; the record's reader is after msg_type. */
        record Reply(int xid) implements Routed {}

        /** Answer with this header and no results. */
        record Answer(RpcReply header) implements Routed {}

        /** Run {@code procedure}; the record's reader is at the arguments. */
        record Dispatch(RpcCallContext call, RpcProcedure procedure) implements Routed {}
    }

    static Routed route(
            RpcDispatcher dispatcher,
            ByteBuf record,
            InetSocketAddress client,
            InetSocketAddress server,
            ByteBufAllocator alloc,
            @Nullable Backchannel backchannel) {
        if (record.readableBytes() < 8) {
            log.warn("client {} sent a {}-byte record", client, record.readableBytes());
            return new Routed.Close();
        }
        int xid = record.readInt();
        int type = record.readInt();
        if (type == Rpc.REPLY && backchannel != null) {
            return new Routed.Reply(xid);
        }
        if (type != Rpc.CALL) {
            log.warn("client {} sent msg_type {}: ignored", client, type);
            return new Routed.Ignore();
        }
        XdrReader in = new XdrReader(record);
        if (in.remaining() < 4 || in.readInt() != Rpc.RPC_VERSION) {
            return new Routed.Answer(new RpcReply.RpcMismatch(xid, Rpc.RPC_VERSION, Rpc.RPC_VERSION));
        }
        if (in.remaining() < 12) {
            return new Routed.Answer(new RpcReply.GarbageArgs(xid));
        }
        int prog = in.readInt();
        int vers = in.readInt();
        int proc = in.readInt();
        OpaqueAuth cred;
        OpaqueAuth verf;
        try {
            cred = OpaqueAuth.decode(in);
            verf = OpaqueAuth.decode(in);
        } catch (XdrException e) {
            return new Routed.Answer(new RpcReply.AuthError(xid, Rpc.AUTH_BADCRED));
        }
        RpcCall call = new RpcCall(xid, Rpc.RPC_VERSION, prog, vers, proc, cred, verf);
        RpcProgram program = dispatcher.program(prog);
        if (program == null) {
            return new Routed.Answer(new RpcReply.ProgUnavail(xid));
        }
        if (vers < program.lowVersion() || vers > program.highVersion()) {
            return new Routed.Answer(new RpcReply.ProgMismatch(xid, program.lowVersion(), program.highVersion()));
        }
        RpcProcedure procedure = program.procedure(vers, proc);
        if (procedure == null) {
            return new Routed.Answer(new RpcReply.ProcUnavail(xid));
        }
        AuthContext auth;
        try {
            auth = dispatcher.authenticate(program, call, client);
        } catch (RpcAuthException e) {
            log.warn("client {}: {}", client, e.getMessage());
            return new Routed.Answer(new RpcReply.AuthError(xid, e.authStat()));
        }
        return new Routed.Dispatch(new RpcCallContext(call, auth, client, server, alloc, backchannel), procedure);
    }

    /**
     * Runs a dispatched call: through the duplicate request cache when it is not idempotent, then
     * the procedure. Returns the whole reply (the caller owns it), or null when a retransmission
     * of a call still running is dropped. The record stays the caller's.
     */
    static @Nullable ByteBuf execute(
            RpcDispatcher dispatcher, RpcCallContext call, RpcProcedure procedure, ByteBuf record) {
        DuplicateRequestCache.Key key = null;
        if (!procedure.idempotent()) {
            RpcCall c = call.call();
            key = new DuplicateRequestCache.Key(
                    call.client().getAddress(), c.xid(), c.program(), c.version(), c.procedure(), checksum(record));
            switch (dispatcher.drc().begin(key)) {
                case DuplicateRequestCache.Lookup.Execute e -> {}
                case DuplicateRequestCache.Lookup.InProgress p -> {
                    log.debug("client {} retransmitted xid {} while it runs: dropped", call.client(), c.xid());
                    return null;
                }
                case DuplicateRequestCache.Lookup.Replay r -> {
                    log.debug("client {} retransmitted xid {}: replaying", call.client(), c.xid());
                    return Unpooled.wrappedBuffer(r.reply());
                }
            }
        }
        ByteBuf reply = run(call, procedure, record);
        if (key != null) {
            dispatcher.drc().complete(key, ByteBufUtil.getBytes(reply));
        }
        return reply;
    }

    private static ByteBuf run(RpcCallContext call, RpcProcedure procedure, ByteBuf record) {
        int xid = call.call().xid();
        XdrWriter out = new XdrWriter(call.alloc());
        try {
            new RpcReply.Success(xid, OpaqueAuth.NONE).encode(out);
            procedure.call(call, new XdrReader(record), out);
            return out.finish();
        } catch (XdrException e) {
            out.release();
            log.warn("client {}: garbage arguments to {}: {}", call.client(), describe(call.call()), e.getMessage());
            return encode(call.alloc(), new RpcReply.GarbageArgs(xid));
        } catch (RuntimeException e) {
            out.release();
            log.error("{} from {} failed", describe(call.call()), call.client(), e);
            return encode(call.alloc(), new RpcReply.SystemErr(xid));
        }
    }

    private static String describe(RpcCall c) {
        return "program " + c.program() + " v" + c.version() + " procedure " + c.procedure();
    }

    static ByteBuf encode(ByteBufAllocator alloc, RpcReply header) {
        XdrWriter w = new XdrWriter(alloc);
        header.encode(w);
        return w.finish();
    }

    /** CRC32C of the arguments (the unread rest of the record). */
    private static long checksum(ByteBuf record) {
        CRC32C crc = new CRC32C();
        for (ByteBuffer b : record.nioBuffers(record.readerIndex(), record.readableBytes())) {
            crc.update(b);
        }
        return crc.getValue();
    }
}
