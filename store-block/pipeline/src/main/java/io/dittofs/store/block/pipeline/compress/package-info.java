/**
 * Compressing chunks before they are encrypted and stored: one {@link
 * io.dittofs.store.block.pipeline.compress.Codec} seam with zstd (level configurable), lz4 and
 * "none"; {@link io.dittofs.store.block.pipeline.compress.ChunkCompressor} stores a chunk raw
 * when compression does not pay, and the codec actually used is recorded in each object's header
 * (as a {@link io.dittofs.store.block.pipeline.compress.Compression} id), so a remote's setting
 * can change at any time and old objects still read.
 */
@NullMarked
package io.dittofs.store.block.pipeline.compress;

import org.jspecify.annotations.NullMarked;
