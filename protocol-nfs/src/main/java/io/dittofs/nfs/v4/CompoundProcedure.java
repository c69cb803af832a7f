package io.dittofs.nfs.v4;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.v4.state.Session;
import io.dittofs.nfs.v4.state.Slot;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.error.FsException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NFSPROC4_COMPOUND (RFC 7530 section 15.2, RFC 8881 section 16.2): runs the operations in
 * order until one fails, and answers the status of the last one run, the tag, and each result.
 *
 * <pre>
 * COMPOUND4args: utf8str_cs tag; uint32 minorversion; nfs_argop4 argarray&lt;&gt;;
 * COMPOUND4res:  nfsstat4 status; utf8str_cs tag; nfs_resop4 resarray&lt;&gt;;
 * </pre>
 *
 * A minor version above {@link Nfs4#MAX_MINOR_VERSION} gets NFS4ERR_MINOR_VERS_MISMATCH and no
 * results, which is how a client asking for 4.2 learns to fall back. An operation number outside
 * the minor version gets OP_ILLEGAL; an operation this server does not implement NFS4ERR_NOTSUPP.
 * Faults are logged by whose they are: a client's malformed arguments at WARN, a server fault at
 * ERROR.
 *
 * <p>Not idempotent for the generic duplicate request cache: minor version 1 has the session's
 * slots for exactly-once, and minor version 0 the open- and lock-owner seqids.
 */
public final class CompoundProcedure implements RpcProcedure {
    private static final Logger log = LoggerFactory.getLogger(CompoundProcedure.class);

    /** RFC 8881 section 2.10.6.4: operations that may start a COMPOUND without SEQUENCE. */
    private static final Set<Integer> SESSIONLESS = Set.of(
            Nfs4.OP_EXCHANGE_ID,
            Nfs4.OP_CREATE_SESSION,
            Nfs4.OP_DESTROY_SESSION,
            Nfs4.OP_BIND_CONN_TO_SESSION,
            Nfs4.OP_DESTROY_CLIENTID);

    private final Nfs4Server server;
    private final Nfs4Operation[] ops;

    CompoundProcedure(Nfs4Server server, Nfs4Operation[] ops) {
        this.server = server;
        this.ops = ops.clone();
    }

    @Override
    public void call(RpcCallContext rpc, XdrReader in, XdrWriter out) {
        byte[] tag = in.readOpaque(Nfs4.MAX_TAG);
        int minor = in.readInt();
        int count = in.readInt();
        if (minor < 0 || minor > Nfs4.MAX_MINOR_VERSION) {
            out.writeInt(Nfsstat4.NFS4ERR_MINOR_VERS_MISMATCH).writeOpaque(tag).writeInt(0);
            return;
        }
        CompoundContext ctx = new CompoundContext(server, rpc, minor);
        XdrWriter results = new XdrWriter(rpc.alloc());
        int done = 0;
        int status = Nfsstat4.NFS4_OK;
        try {
            if (count < 0 || count > Nfs4.MAX_OPS) {
                status = minor == 0 ? Nfsstat4.NFS4ERR_RESOURCE : Nfsstat4.NFS4ERR_TOO_MANY_OPS;
            }
            for (int i = 0; status == Nfsstat4.NFS4_OK && i < count; i++) {
                int opcode;
                try {
                    opcode = in.readInt();
                } catch (XdrException e) {
                    results.writeInt(Nfs4.OP_ILLEGAL).writeInt(Nfsstat4.NFS4ERR_BADXDR);
                    done++;
                    status = Nfsstat4.NFS4ERR_BADXDR;
                    break;
                }
                status = runOne(ctx, opcode, i, count, in, results);
                done++;
                if (ctx.replayed() != null) {
                    results.release();
                    out.writeRaw(Unpooled.wrappedBuffer(ctx.replayed()));
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            results.release();
            finishSlot(ctx, null);
            throw e;
        }
        XdrWriter head = new XdrWriter(rpc.alloc());
        head.writeInt(status).writeOpaque(tag).writeInt(done);
        ByteBuf headBuf = head.finish();
        ByteBuf resultBuf = results.finish();
        byte[] cached = null;
        if (ctx.slot() != null && ctx.cacheThis()) {
            cached = new byte[headBuf.readableBytes() + resultBuf.readableBytes()];
            headBuf.getBytes(headBuf.readerIndex(), cached, 0, headBuf.readableBytes());
            resultBuf.getBytes(resultBuf.readerIndex(), cached, headBuf.readableBytes(), resultBuf.readableBytes());
        }
        finishSlot(ctx, cached);
        out.writeRaw(headBuf);
        out.writeRaw(resultBuf);
    }

    private static void finishSlot(CompoundContext ctx, byte @Nullable [] cached) {
        Slot slot = ctx.slot();
        if (slot != null) {
            slot.complete(cached);
        }
    }

    /** Runs one operation and writes its nfs_resop4; returns its status. */
    private int runOne(CompoundContext ctx, int opcode, int index, int count, XdrReader in, XdrWriter results) {
        int minor = ctx.minorVersion();
        if (opcode < Nfs4.OP_ACCESS || opcode > Nfs4.lastOp(minor)) {
            // RFC 7530 section 15.2.4: an unknown operation is answered as OP_ILLEGAL.
            results.writeInt(Nfs4.OP_ILLEGAL).writeInt(Nfsstat4.NFS4ERR_OP_ILLEGAL);
            return Nfsstat4.NFS4ERR_OP_ILLEGAL;
        }
        int sessionStatus = minor > 0 ? sessionRule(ctx, opcode, index, count) : Nfsstat4.NFS4_OK;
        OpResult r;
        if (sessionStatus != Nfsstat4.NFS4_OK) {
            r = OpResult.error(sessionStatus);
        } else {
            r = execute(ctx, opcode, in);
        }
        results.writeInt(opcode).writeInt(r.status());
        if (r.body() != null) {
            r.body().encode(results);
        }
        return r.status();
    }

    /** RFC 8881 section 2.10.6: SEQUENCE first, and only the session-less operations without it. */
    private static int sessionRule(CompoundContext ctx, int opcode, int index, int count) {
        if (index == 0) {
            if (opcode == Nfs4.OP_SEQUENCE) {
                return Nfsstat4.NFS4_OK;
            }
            if (!SESSIONLESS.contains(opcode)) {
                return Nfsstat4.NFS4ERR_OP_NOT_IN_SESSION;
            }
            return count > 1 && opcode != Nfs4.OP_DESTROY_SESSION ? Nfsstat4.NFS4ERR_NOT_ONLY_OP : Nfsstat4.NFS4_OK;
        }
        if (opcode == Nfs4.OP_SEQUENCE) {
            return Nfsstat4.NFS4ERR_SEQUENCE_POS;
        }
        Session s = ctx.session();
        if (s != null && index >= s.maxOperations()) {
            return Nfsstat4.NFS4ERR_TOO_MANY_OPS;
        }
        return Nfsstat4.NFS4_OK;
    }

    private OpResult execute(CompoundContext ctx, int opcode, XdrReader in) {
        Nfs4Operation op = ops[opcode];
        if (op == null) {
            return OpResult.error(Nfsstat4.NFS4ERR_NOTSUPP);
        }
        try {
            return op.execute(ctx, in);
        } catch (XdrException e) {
            log.warn(
                    "client {}: malformed arguments to operation {}: {}",
                    ctx.rpc().client(),
                    opcode,
                    e.getMessage());
            return OpResult.error(Nfsstat4.NFS4ERR_BADXDR);
        } catch (Nfs4Exception e) {
            log.debug("operation {} from {}: {}", opcode, ctx.rpc().client(), e.getMessage());
            return OpResult.error(e.status());
        } catch (FsException e) {
            log.debug("operation {} from {}: {}", opcode, ctx.rpc().client(), e.toString());
            return OpResult.error(Nfs4Errors.toNfsstat4(e.code()));
        } catch (RuntimeException e) {
            log.error("operation {} from {} failed", opcode, ctx.rpc().client(), e);
            return OpResult.error(Nfsstat4.NFS4ERR_SERVERFAULT);
        }
    }
}
