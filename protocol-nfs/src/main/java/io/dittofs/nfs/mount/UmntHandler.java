package io.dittofs.nfs.mount;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** MOUNTPROC3_UMNT (RFC 1813 appendix I): drops one mount list entry of the caller; void result. */
public final class UmntHandler implements RpcProcedure {
    private final MountTable mounts;

    public UmntHandler(MountTable mounts) {
        this.mounts = mounts;
    }

    @Override
    public void call(RpcCallContext ctx, XdrReader args, XdrWriter out) {
        String path = args.readString(Mount3.MNTPATHLEN);
        mounts.remove(ctx.client().getAddress().getHostAddress(), path);
    }
}
