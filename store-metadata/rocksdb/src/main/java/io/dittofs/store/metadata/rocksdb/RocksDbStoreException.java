package io.dittofs.store.metadata.rocksdb;

/**
 * A RocksDB call of the metadata store failed. The message names the operation and the kind of
 * key (inode, entry by name, ...); the cause is the {@code RocksDBException} with RocksDB's status.
 * The store does not retry: an I/O error of the database is a server fault.
 */
public final class RocksDbStoreException extends RuntimeException {

    RocksDbStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    RocksDbStoreException(String message) {
        super(message);
    }
}
