package io.dittofs.store.metadata;

/** Reads and changes of a write transaction. */
public interface MetadataWriter
        extends MetadataReader,
                XattrWriter, // extended attributes, in their own file
                StateWriter, // persistent protocol state, in its own file
                ContentIndexWriter { // file content maps and the chunk index, in their own file

    /** A new file id: positive, never returned before by this store, never {@link MetadataStore#ROOT_ID}. */
    long allocateFileId();

    /** Inserts or replaces the inode with {@code inode.fileId()}. */
    void putInode(Inode inode);

    /**
     * Removes the inode (its entries must already be gone) and its extended attributes; {@code true}
     * when it existed.
     */
    boolean deleteInode(long fileId);

    /**
     * Adds entry {@code name} to directory {@code dirId}, pointing at {@code childId}, with a new
     * cookie greater than every cookie this directory ever had.
     *
     * @throws IllegalStateException when the directory already has an entry of that exact name
     */
    DirEntry putEntry(long dirId, String name, long childId);

    /** Removes entry {@code name} of {@code dirId}; {@code true} when it existed. */
    boolean removeEntry(long dirId, String name);
}
