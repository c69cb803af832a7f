package io.dittofs.store.metadata;

/**
 * One name in a directory.
 *
 * @param dirId the directory
 * @param name the name, as created (case preserved)
 * @param childId the inode the name points to
 * @param cookie position in the directory: unique, assigned in increasing order at insertion,
 *     never reused, always at least {@link DirPage#FIRST_COOKIE}
 */
public record DirEntry(long dirId, String name, long childId, long cookie) {}
