package io.dittofs.nfs.v3;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * One NFSv3 call's context: the RPC call, the shares, the server's settings. Resolves file
 * handles and applies the export options every request must pass: the share admits the client's
 * network (and squashes), and a "secure" share wants a reserved source port.
 */
public record Nfs3Request(RpcCallContext rpc, ShareRegistry shares, Nfs3Settings settings) {

    /** The share and file a handle names, with the caller as that share admits it. */
    public Target resolve(FileHandle3 handle) {
        Share share = shares.requireById(handle.shareId());
        return new Target(share, share.fileSystem(), handle.node(), admit(share));
    }

    /** Resolves a second handle that must be on the same share as {@code first} (RENAME, LINK). */
    public Target resolveOnSameShare(Target first, FileHandle3 handle) {
        Target t = resolve(handle);
        if (t.share().id() != first.share().id()) {
            throw new FsException(ErrorCode.CROSS_DEVICE, "handles of two shares");
        }
        return t;
    }

    private AuthContext admit(Share share) {
        if (share.options().requireReservedPort() && rpc.client().getPort() >= 1024) {
            throw new FsException(
                    ErrorCode.NOT_PERMITTED,
                    "share '" + share.name() + "' is secure: port "
                            + rpc.client().getPort() + " is not reserved");
        }
        share.admit(rpc.auth()); // network and protocol, checked on every call as handles are guessable
        return rpc.auth(); // unsquashed: the file system squashes on every operation itself
    }
}
