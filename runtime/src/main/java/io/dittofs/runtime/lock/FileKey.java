package io.dittofs.runtime.lock;

/** A file as the lock manager knows it: its share and file id. */
public record FileKey(int shareId, long fileId) {}
