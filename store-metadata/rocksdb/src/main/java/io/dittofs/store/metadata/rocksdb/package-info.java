/**
 * The embedded, durable metadata store: the records of one share in a RocksDB database.
 *
 * <p>{@link io.dittofs.store.metadata.rocksdb.RocksDbMetadataStore} is the only entry point; its
 * Javadoc documents the key layout, the transaction design and the group commit. Everything else
 * in this package is package-private.
 */
@NullMarked
package io.dittofs.store.metadata.rocksdb;

import org.jspecify.annotations.NullMarked;
