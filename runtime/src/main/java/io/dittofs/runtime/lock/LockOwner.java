package io.dittofs.runtime.lock;

/**
 * Who holds a lock, qualified by protocol so owners of different protocols never collide:
 * e.g. {@code "nlm:<host>:<svid>"}, {@code "nfs4:<clientid>:<owner>"}, {@code "smb:<session>:<file>"}.
 * Locks of one owner never conflict with each other.
 */
public record LockOwner(String id) {}
