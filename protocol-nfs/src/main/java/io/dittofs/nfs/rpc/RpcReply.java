package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * The header of a reply message (RFC 5531 section 9): one record per arm of reply_body,
 * accepted_reply and rejected_reply. After {@link Success} come the procedure's results.
 *
 * <pre>
 * union reply_body switch (reply_stat stat) {
 *     case MSG_ACCEPTED: accepted_reply areply;
 *     case MSG_DENIED:   rejected_reply rreply;
 * };
 * struct accepted_reply {
 *     opaque_auth verf;
 *     union switch (accept_stat stat) {
 *         case SUCCESS:       opaque results[0];
 *         case PROG_MISMATCH: struct { unsigned int low; unsigned int high; } mismatch_info;
 *         default:            void;   // PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS, SYSTEM_ERR
 *     } reply_data;
 * };
 * union rejected_reply switch (reject_stat stat) {
 *     case RPC_MISMATCH: struct { unsigned int low; unsigned int high; } mismatch_info;
 *     case AUTH_ERROR:   auth_stat stat;
 * };
 * </pre>
 */
public sealed interface RpcReply {
    int xid();

    /** The procedure ran; its results follow. */
    record Success(int xid, OpaqueAuth verifier) implements RpcReply {}

    /** The program is not served here. */
    record ProgUnavail(int xid) implements RpcReply {}

    /** The program is served, at versions {@code low} to {@code high} only. */
    record ProgMismatch(int xid, int low, int high) implements RpcReply {}

    /** The program has no such procedure. */
    record ProcUnavail(int xid) implements RpcReply {}

    /** The arguments did not decode. */
    record GarbageArgs(int xid) implements RpcReply {}

    /** The server failed (memory, an unexpected error). */
    record SystemErr(int xid) implements RpcReply {}

    /** The RPC message version was not 2. */
    record RpcMismatch(int xid, int low, int high) implements RpcReply {}

    /** The credential was refused; {@code authStat} says why. */
    record AuthError(int xid, int authStat) implements RpcReply {}

    default void encode(XdrWriter out) {
        out.writeInt(xid()).writeInt(Rpc.REPLY);
        switch (this) {
            case Success s -> accepted(out, s.verifier(), Rpc.SUCCESS);
            case ProgUnavail p -> accepted(out, OpaqueAuth.NONE, Rpc.PROG_UNAVAIL);
            case ProgMismatch m -> {
                accepted(out, OpaqueAuth.NONE, Rpc.PROG_MISMATCH);
                out.writeInt(m.low()).writeInt(m.high());
            }
            case ProcUnavail p -> accepted(out, OpaqueAuth.NONE, Rpc.PROC_UNAVAIL);
            case GarbageArgs g -> accepted(out, OpaqueAuth.NONE, Rpc.GARBAGE_ARGS);
            case SystemErr e -> accepted(out, OpaqueAuth.NONE, Rpc.SYSTEM_ERR);
            case RpcMismatch m ->
                out.writeInt(Rpc.MSG_DENIED)
                        .writeInt(Rpc.RPC_MISMATCH)
                        .writeInt(m.low())
                        .writeInt(m.high());
            case AuthError a ->
                out.writeInt(Rpc.MSG_DENIED).writeInt(Rpc.AUTH_ERROR).writeInt(a.authStat());
        }
    }

    private static void accepted(XdrWriter out, OpaqueAuth verifier, int acceptStat) {
        out.writeInt(Rpc.MSG_ACCEPTED);
        verifier.encode(out);
        out.writeInt(acceptStat);
    }

    /** Decodes a reply header; on {@link Success} the reader is left at the results. */
    static RpcReply decode(XdrReader in) {
        int xid = in.readInt();
        int type = in.readInt();
        if (type != Rpc.REPLY) {
            throw new XdrException("msg_type " + type + " is not REPLY");
        }
        int replyStat = in.readInt();
        return switch (replyStat) {
            case Rpc.MSG_ACCEPTED -> {
                OpaqueAuth verf = OpaqueAuth.decode(in);
                int stat = in.readInt();
                yield switch (stat) {
                    case Rpc.SUCCESS -> new Success(xid, verf);
                    case Rpc.PROG_UNAVAIL -> new ProgUnavail(xid);
                    case Rpc.PROG_MISMATCH -> new ProgMismatch(xid, in.readInt(), in.readInt());
                    case Rpc.PROC_UNAVAIL -> new ProcUnavail(xid);
                    case Rpc.GARBAGE_ARGS -> new GarbageArgs(xid);
                    case Rpc.SYSTEM_ERR -> new SystemErr(xid);
                    default -> throw new XdrException("accept_stat " + stat);
                };
            }
            case Rpc.MSG_DENIED -> {
                int reject = in.readInt();
                yield switch (reject) {
                    case Rpc.RPC_MISMATCH -> new RpcMismatch(xid, in.readInt(), in.readInt());
                    case Rpc.AUTH_ERROR -> new AuthError(xid, in.readInt());
                    default -> throw new XdrException("reject_stat " + reject);
                };
            }
            default -> throw new XdrException("reply_stat " + replyStat);
        };
    }
}
