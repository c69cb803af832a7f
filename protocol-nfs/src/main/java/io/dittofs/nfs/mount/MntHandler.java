package io.dittofs.nfs.mount;

import io.dittofs.nfs.rpc.Rpc;
import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOUNTPROC3_MNT (RFC 1813 appendix I): maps an export path, "/" and the share's name, to the
 * share's root handle, enforcing the export options: the client's network must be allowed
 * (MNT3ERR_ACCES) and a "secure" share needs a reserved source port (MNT3ERR_PERM).
 */
public final class MntHandler implements RpcProcedure {
    private static final Logger log = LoggerFactory.getLogger(MntHandler.class);

    private final ShareRegistry shares;
    private final MountTable mounts;

    public MntHandler(ShareRegistry shares, MountTable mounts) {
        this.shares = shares;
        this.mounts = mounts;
    }

    /** The share an export path names: "/name" (or "name"); trailing slashes are ignored. */
    static Optional<Share> shareFor(ShareRegistry shares, String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.contains("/") ? Optional.empty() : shares.byName(p);
    }

    @Override
    public void call(RpcCallContext ctx, XdrReader args, XdrWriter results) {
        String path = args.readString(Mount3.MNTPATHLEN);
        mount(ctx, path).encode(results);
    }

    private MountRes3 mount(RpcCallContext ctx, String path) {
        Optional<Share> found = shareFor(shares, path);
        if (found.isEmpty()) {
            log.info("client {} mounted unknown export '{}'", ctx.client(), path);
            return new MountRes3.Fail(Mount3.MNT3ERR_NOENT);
        }
        Share share = found.get();
        if (share.options().requireReservedPort() && ctx.client().getPort() >= 1024) {
            log.warn("client {} mounted secure export '{}' from an unreserved port", ctx.client(), path);
            return new MountRes3.Fail(Mount3.MNT3ERR_PERM);
        }
        try {
            share.admit(ctx.auth());
        } catch (FsException e) {
            log.warn("client {} refused export '{}': {}", ctx.client(), path, e.getMessage());
            return new MountRes3.Fail(Mount3.MNT3ERR_ACCES);
        }
        mounts.add(ctx.client().getAddress().getHostAddress(), path);
        FileHandle3 root = FileHandle3.of(share.id(), share.fileSystem().root());
        return new MountRes3.Ok(root, new int[] {Rpc.AUTH_SYS, Rpc.AUTH_NONE});
    }
}
