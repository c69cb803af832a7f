/**
 * The block pipeline's building blocks: content-defined chunking ({@code .chunk}), chunk naming
 * by keyed BLAKE3 ({@code .hash}), compression ({@code .compress}), the versioned object format
 * ({@code .format}), and {@link io.dittofs.store.block.pipeline.ChunkSealer}, which turns one
 * chunk into one stored object (compress, then envelope-encrypt with the header as associated
 * data) and back (decrypt, decompress, verify the hash).
 *
 * <p>The runtime integration (write log, rollup, chunk index, syncer, cache, GC) builds on these
 * and comes later.
 */
@NullMarked
package io.dittofs.store.block.pipeline;

import org.jspecify.annotations.NullMarked;
