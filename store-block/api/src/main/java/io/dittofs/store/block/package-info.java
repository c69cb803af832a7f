/**
 * The block store SPI: a flat, durable key to bytes store (put, ranged get, delete, list, stat).
 *
 * <p>The runtime's content layer keeps file data here; later the block pipeline keeps chunks and
 * packs here. Implementations: memory, local filesystem, and S3. Every implementation passes the
 * one conformance suite in {@code dittofs-store-block-testkit}.
 */
@NullMarked
package io.dittofs.store.block;

import org.jspecify.annotations.NullMarked;
