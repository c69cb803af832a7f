package io.dittofs.runtime.content.log;

/** A file as the log names it: its id and generation. */
public record FileRef(long fileId, int generation) {}
