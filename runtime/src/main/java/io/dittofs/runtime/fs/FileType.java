package io.dittofs.runtime.fs;

/** The kinds of file, as the runtime's callers see them. */
public enum FileType {
    REGULAR,
    DIRECTORY,
    SYMLINK,
    BLOCK_DEVICE,
    CHAR_DEVICE,
    SOCKET,
    FIFO
}
