package io.dittofs.nfs.v4.state;

/**
 * The locks of one lock-owner on one file, named by one lock stateid (RFC 7530 section 9.1.4.1),
 * derived from the open it was created under. Guarded by its client's monitor.
 */
public final class LockState {
    final LockOwnerState owner;
    final OpenState open;
    Stateid stateid;
    /** A blocked LOCK's wait for CB_NOTIFY_LOCK (minor version 1), cancelled by the next one or CLOSE. */
    java.util.concurrent.@org.jspecify.annotations.Nullable CompletableFuture<?> notify;

    LockState(LockOwnerState owner, OpenState open, Stateid stateid) {
        this.owner = owner;
        this.open = open;
        this.stateid = stateid;
    }
}
