/**
 * Content-defined chunking with FastCDC (Xia et al., "The Design of Fast Content-Defined
 * Chunking for Data Deduplication Based Storage Systems", IEEE TPDS 2020): a gear rolling hash,
 * cut-point skipping below the minimum size, and normalized chunking (a harder mask before the
 * normal size, an easier one after it), so that chunk boundaries follow the content and an
 * insertion moves only the boundaries next to it.
 *
 * <p>{@link io.dittofs.store.block.pipeline.chunk.FastCdc} finds boundaries in a stream of
 * buffers; {@link io.dittofs.store.block.pipeline.chunk.Chunker} hands out whole chunks. The
 * gear table and the mask layout are part of the storage format: changing either moves every
 * boundary and so defeats dedup against data already stored. A golden test pins both.
 */
@NullMarked
package io.dittofs.store.block.pipeline.chunk;

import org.jspecify.annotations.NullMarked;
