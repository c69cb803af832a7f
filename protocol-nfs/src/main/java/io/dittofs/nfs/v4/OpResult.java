package io.dittofs.nfs.v4;

import io.dittofs.nfs.xdr.XdrEncodable;
import org.jspecify.annotations.Nullable;

/**
 * The result of one operation (nfs_resop4 without its opcode): a status and, for success or for
 * the few failures that carry data (LOCK4denied, SETATTR's attrsset), the rest.
 */
public record OpResult(int status, @Nullable XdrEncodable body) {
    private static final OpResult OK = new OpResult(Nfsstat4.NFS4_OK, null);

    public static OpResult ok() {
        return OK;
    }

    public static OpResult ok(XdrEncodable body) {
        return new OpResult(Nfsstat4.NFS4_OK, body);
    }

    public static OpResult error(int status) {
        return new OpResult(status, null);
    }
}
