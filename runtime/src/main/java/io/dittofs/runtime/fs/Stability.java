package io.dittofs.runtime.fs;

/** How durable a write must be before it is acknowledged (RFC 1813 section 3.3.7, stable_how). */
public enum Stability {
    /** Acknowledged from memory; durable only after a commit. */
    UNSTABLE,
    /** Data durable before the reply; metadata may follow. */
    DATA_SYNC,
    /** Data and metadata durable before the reply. */
    FILE_SYNC
}
