/**
 * The metadata store SPI: inodes and directory entries of one share, changed in atomic
 * transactions.
 *
 * <p>A store is deliberately dumb: it keeps records, orders directory entries, indexes names by
 * their case-folded form, and makes multi-record changes atomic. Every POSIX rule (permissions,
 * link counts, rename semantics, times) lives in the runtime, so each store implements storage
 * once and the semantics cannot drift between stores. Implementations: memory (here), RocksDB
 * and PostgreSQL. Every implementation passes the one conformance suite in
 * {@code dittofs-store-metadata-testkit}.
 */
@NullMarked
package io.dittofs.store.metadata;

import org.jspecify.annotations.NullMarked;
