package io.dittofs.smb.messages;

/**
 * The times, sizes and attributes that CREATE, CLOSE and FileNetworkOpenInformation report (MS-FSCC
 * section 2.4.29); times are FILETIMEs.
 */
public record NetworkOpenInfo(
        long creationTime,
        long lastAccessTime,
        long lastWriteTime,
        long changeTime,
        long allocationSize,
        long endOfFile,
        int fileAttributes) {}
