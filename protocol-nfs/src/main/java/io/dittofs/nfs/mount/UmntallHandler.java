package io.dittofs.nfs.mount;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** MOUNTPROC3_UMNTALL (RFC 1813 appendix I): drops every mount list entry of the caller; void result. */
public final class UmntallHandler implements RpcProcedure {
    private final MountTable mounts;

    public UmntallHandler(MountTable mounts) {
        this.mounts = mounts;
    }

    @Override
    public void call(RpcCallContext ctx, XdrReader args, XdrWriter out) {
        mounts.removeAll(ctx.client().getAddress().getHostAddress());
    }
}
