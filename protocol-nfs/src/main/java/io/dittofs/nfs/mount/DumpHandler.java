package io.dittofs.nfs.mount;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * MOUNTPROC3_DUMP (RFC 1813 appendix I): the mount list, as a linked list of mountbody.
 *
 * <pre>
 * struct mountbody { name ml_hostname; dirpath ml_directory; mountlist ml_next; };
 * </pre>
 */
public final class DumpHandler implements RpcProcedure {
    private final MountTable mounts;

    public DumpHandler(MountTable mounts) {
        this.mounts = mounts;
    }

    @Override
    public void call(RpcCallContext ctx, XdrReader args, XdrWriter out) {
        for (MountTable.Mount m : mounts.list()) {
            out.writeBoolean(true).writeString(m.host()).writeString(m.path());
        }
        out.writeBoolean(false);
    }
}
