package io.dittofs.store.metadata;

/**
 * A read-only view of a store, such as one consistent moment of a store another process keeps
 * changing (for online checks): it reads, and refuses every write.
 */
public interface ReadOnlyMetadataStore extends MetadataStore {

    /** Always throws: the view is read-only. */
    @Override
    default <T> T write(Durability durability, WriteTransaction<T> work) {
        throw new UnsupportedOperationException("a read-only view of the metadata store cannot write");
    }

    /** Nothing to make durable: nothing is ever written. */
    @Override
    default void sync() {}
}
