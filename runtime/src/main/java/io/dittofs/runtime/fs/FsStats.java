package io.dittofs.runtime.fs;

/**
 * Space and file counts of a share (RFC 1813 FSSTAT).
 *
 * @param totalBytes size of the share's storage
 * @param freeBytes free bytes
 * @param availableBytes free bytes the caller may use
 * @param totalFiles file slots
 * @param freeFiles free file slots
 * @param availableFiles free file slots the caller may use
 */
public record FsStats(
        long totalBytes, long freeBytes, long availableBytes, long totalFiles, long freeFiles, long availableFiles) {}
