package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * The header of a call message (RFC 5531 section 9); the procedure's arguments follow it.
 *
 * <pre>
 * struct rpc_msg { unsigned int xid; union switch (msg_type mtype) { case CALL: call_body cbody; ... } };
 * struct call_body {
 *     unsigned int rpcvers;       // must be equal to two (2)
 *     unsigned int prog;
 *     unsigned int vers;
 *     unsigned int proc;
 *     opaque_auth  cred;
 *     opaque_auth  verf;
 *     // procedure-specific parameters start here
 * };
 * </pre>
 */
public record RpcCall(
        int xid, int rpcVersion, int program, int version, int procedure, OpaqueAuth credential, OpaqueAuth verifier) {

    /** Decodes what follows xid and msg_type (the caller has read those to route the message). */
    public static RpcCall decodeBody(int xid, XdrReader in) {
        int rpcvers = in.readInt();
        int prog = in.readInt();
        int vers = in.readInt();
        int proc = in.readInt();
        OpaqueAuth cred = OpaqueAuth.decode(in);
        OpaqueAuth verf = OpaqueAuth.decode(in);
        return new RpcCall(xid, rpcvers, prog, vers, proc, cred, verf);
    }

    public void encode(XdrWriter out) {
        out.writeInt(xid)
                .writeInt(Rpc.CALL)
                .writeInt(rpcVersion)
                .writeInt(program)
                .writeInt(version);
        out.writeInt(procedure);
        credential.encode(out);
        verifier.encode(out);
    }
}
