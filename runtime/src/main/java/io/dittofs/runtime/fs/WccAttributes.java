package io.dittofs.runtime.fs;

/** Size and times of a file before an operation changed it (RFC 1813 section 2.6, wcc_attr). */
public record WccAttributes(long size, long mtime, long ctime) {}
