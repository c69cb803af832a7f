package io.dittofs.store.metadata;

/**
 * The records of one share: inodes and directory entries.
 *
 * <p>All access goes through transactions:
 *
 * <ul>
 *   <li>{@link #read} runs {@code work} against a consistent view: it never sees half of another
 *       transaction's changes.
 *   <li>{@link #write} runs {@code work} atomically and in isolation: either every change it made
 *       is applied or, when it throws, none is; concurrent write transactions behave as if run one
 *       after another (no lost updates). A store may run {@code work} more than once when it
 *       detects a conflict, so {@code work} must have no side effects outside the store.
 *   <li>With {@link Durability#SYNC} the changes are durable when {@code write} returns; with
 *       {@link Durability#DEFERRED} they are durable at the latest when a later {@link #sync()} or
 *       SYNC write returns. Stores share one flush between concurrent committers (group commit).
 * </ul>
 *
 * <p>File ids are allocated by the store: positive, never reused, never {@link #ROOT_ID} (which the
 * runtime uses for the share's root directory).
 */
public interface MetadataStore extends AutoCloseable {

    /** The file id of the share's root directory. */
    long ROOT_ID = 1;

    /** Runs {@code work} against a consistent view of the store. */
    <T> T read(ReadTransaction<T> work);

    /** Runs {@code work} as one atomic, isolated transaction. */
    <T> T write(Durability durability, WriteTransaction<T> work);

    /** Makes every change of every completed write transaction durable. */
    void sync();

    @Override
    void close();

    /** The body of a read transaction. */
    @FunctionalInterface
    interface ReadTransaction<T> {
        T run(MetadataReader reader);
    }

    /** The body of a write transaction. */
    @FunctionalInterface
    interface WriteTransaction<T> {
        T run(MetadataWriter writer);
    }
}
