package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * NLMPROC4_SHARE and UNSHARE (RFC 1813 appendix II): DOS share reservations of PC-NFS clients.
 * Not enforced: granted, with sequence 0. (No Unix client sends them; SMB share modes live in the
 * runtime.)
 *
 * <pre>
 * struct nlm4_shareargs { netobj cookie; nlm4_share share; bool reclaim; };
 * struct nlm4_share { string caller_name; netobj fh; netobj oh; fsh4_mode mode; fsh4_access access; };
 * struct nlm4_shareres { netobj cookie; nlm4_stats stat; int32 sequence; };
 * </pre>
 */
public final class NlmShareHandler implements RpcProcedure {
    @Override
    public void call(RpcCallContext ctx, XdrReader in, XdrWriter out) {
        byte[] cookie = in.readOpaque(Nlm4.MAXNETOBJ_SZ);
        in.readString(Nlm4.LM_MAXSTRLEN);
        in.readOpaque(Nlm4.MAXNETOBJ_SZ);
        in.readOpaque(Nlm4.MAXNETOBJ_SZ);
        in.readInt();
        in.readInt();
        in.readBoolean();
        out.writeOpaque(cookie).writeInt(Nlm4.NLM4_GRANTED).writeInt(0);
    }
}
