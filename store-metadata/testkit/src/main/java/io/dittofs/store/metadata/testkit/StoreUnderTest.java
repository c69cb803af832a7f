package io.dittofs.store.metadata.testkit;

import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import java.util.function.Consumer;

/**
 * What the conformance test interfaces ({@link XattrConformance}, {@link StateConformance}) need
 * of the suite that runs them: the store under test, and reopening it.
 */
public interface StoreUnderTest {

    /** The store under test, open. */
    MetadataStore current();

    /** Whether closing and reopening keeps the store's contents. */
    boolean durable();

    /** Closes the store and opens it again on the same files; returns the new one. */
    MetadataStore reopened() throws Exception;

    /** Runs {@code changes} in one SYNC transaction. */
    default void change(Consumer<MetadataWriter> changes) {
        current().write(Durability.SYNC, w -> {
            changes.accept(w);
            return null;
        });
    }

    /** Creates a regular file inode with a new id and returns the id. */
    default long newFileInode() {
        return current().write(Durability.SYNC, w -> {
            long id = w.allocateFileId();
            w.putInode(
                    Inode.builder(id, 1, FileType.REGULAR).mode(0644).nlink(1).build());
            return id;
        });
    }
}
