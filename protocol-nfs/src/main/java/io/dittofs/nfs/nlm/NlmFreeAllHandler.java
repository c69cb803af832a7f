package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * NLMPROC4_FREE_ALL (RFC 1813 appendix II): a client host rebooted; drop all its locks. Void
 * result.
 *
 * <pre>
 * struct nlm4_notify { string name&lt;LM_MAXSTRLEN&gt;; int32 state; };
 * </pre>
 */
public final class NlmFreeAllHandler implements RpcProcedure {
    private final NlmLocks locks;
    private final NlmHosts hosts;

    public NlmFreeAllHandler(NlmLocks locks, NlmHosts hosts) {
        this.locks = locks;
        this.hosts = hosts;
    }

    @Override
    public void call(RpcCallContext ctx, XdrReader in, XdrWriter out) {
        String host = in.readString(Nlm4.LM_MAXSTRLEN);
        in.readInt();
        locks.releaseHost(host);
        hosts.forget(host);
    }
}
