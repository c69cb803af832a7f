package io.dittofs.store.metadata;

/** The kinds of inode, as POSIX knows them. */
public enum FileType {
    REGULAR,
    DIRECTORY,
    SYMLINK,
    BLOCK_DEVICE,
    CHAR_DEVICE,
    SOCKET,
    FIFO
}
