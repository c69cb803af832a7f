package io.dittofs.runtime.lock;

/** Shared (read) locks coexist; an exclusive (write) lock excludes every other owner's lock. */
public enum LockType {
    SHARED,
    EXCLUSIVE
}
