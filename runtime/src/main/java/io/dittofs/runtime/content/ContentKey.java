package io.dittofs.runtime.content;

/** The content of one file: its file id and generation (so a reused id never sees old bytes). */
public record ContentKey(long fileId, int generation) {}
