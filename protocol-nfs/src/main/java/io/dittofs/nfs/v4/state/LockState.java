package io.dittofs.nfs.v4.state;

/**
 * The locks of one lock-owner on one file, named by one lock stateid (RFC 7530 section 9.1.4.1),
 * derived from the open it was created under. Guarded by its client's monitor.
 */
public final class LockState {
    final LockOwnerState owner;
    final OpenState open;
    Stateid stateid;

    LockState(LockOwnerState owner, OpenState open, Stateid stateid) {
        this.owner = owner;
        this.open = open;
        this.stateid = stateid;
    }
}
