package io.dittofs.nfs.mount;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.share.NetworkRange;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * MOUNTPROC3_EXPORT (RFC 1813 appendix I): every share NFSv3 serves, as "/name", with its allowed
 * networks as the groups (none: everyone).
 *
 * <pre>
 * struct exportnode { dirpath ex_dir; groups ex_groups; exports ex_next; };
 * struct groupnode { name gr_name; groups gr_next; };
 * </pre>
 */
public final class ExportHandler implements RpcProcedure {
    private final ShareRegistry shares;

    public ExportHandler(ShareRegistry shares) {
        this.shares = shares;
    }

    @Override
    public void call(RpcCallContext ctx, XdrReader args, XdrWriter out) {
        for (Share s : shares.all()) {
            if (!s.options().protocols().contains(Protocol.NFS3)) {
                continue;
            }
            out.writeBoolean(true).writeString("/" + s.name());
            for (NetworkRange n : s.options().allowedNetworks()) {
                out.writeBoolean(true).writeString(n.toString());
            }
            out.writeBoolean(false);
        }
        out.writeBoolean(false);
    }
}
