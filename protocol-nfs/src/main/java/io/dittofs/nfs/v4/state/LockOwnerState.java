package io.dittofs.nfs.v4.state;

import io.dittofs.runtime.lock.LockOwner;

/**
 * A lock_owner4 (RFC 7530 section 9.1.5) and its owner identity in the runtime's lock manager,
 * {@code nfs4:<clientid>:<owner>}, so its locks conflict with NLM's and SMB's. Guarded by its
 * client's monitor.
 */
public final class LockOwnerState {
    final Nfs4Client client;
    final OwnerKey owner;
    final LockOwner runtimeOwner;
    final OpenOwner.SeqidWindow seqids = new OpenOwner.SeqidWindow();

    public OpenOwner.SeqidWindow seqids() {
        return seqids;
    }

    LockOwnerState(Nfs4Client client, OwnerKey owner) {
        this.client = client;
        this.owner = owner;
        this.runtimeOwner = new LockOwner(client.holder() + ":" + owner);
    }
}
