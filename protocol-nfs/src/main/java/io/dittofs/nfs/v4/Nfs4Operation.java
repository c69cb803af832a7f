package io.dittofs.nfs.v4;

import io.dittofs.nfs.xdr.XdrReader;

/**
 * One NFSv4 operation: decodes its arguments from {@code args} and runs. It may throw an
 * {@link io.dittofs.nfs.xdr.XdrException} (NFS4ERR_BADXDR), a runtime
 * {@link io.dittofs.runtime.error.FsException} or an {@link Nfs4Exception}; the COMPOUND turns
 * them into the operation's status.
 */
@FunctionalInterface
public interface Nfs4Operation {
    OpResult execute(CompoundContext ctx, XdrReader args);
}
