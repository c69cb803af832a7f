package io.dittofs.store.metadata;

/**
 * Changes of extended attributes, atomic with the other changes of the same write transaction.
 * Deleting an inode ({@link MetadataWriter#deleteInode}) removes all its attributes.
 */
public interface XattrWriter extends XattrReader {

    /**
     * Sets attribute {@code name} of inode {@code fileId} to {@code value}, replacing any value
     * it had. The store keeps its own copy.
     *
     * @throws IllegalArgumentException when the name or the value breaks {@link Xattrs}' limits
     */
    void putXattr(long fileId, String name, byte[] value);

    /** Removes attribute {@code name} of {@code fileId}; {@code true} when it existed. */
    boolean removeXattr(long fileId, String name);
}
