package io.dittofs.runtime.fs;

/**
 * A file's identity within a share: its 64-bit file id plus the generation fixed at its creation.
 * A node id of a deleted file never names another file: operations on it fail with STALE.
 */
public record NodeId(long fileId, int generation) {}
