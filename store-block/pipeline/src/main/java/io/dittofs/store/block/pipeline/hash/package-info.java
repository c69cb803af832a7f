/**
 * Naming chunks by their BLAKE3 hash: one {@link io.dittofs.store.block.pipeline.hash.ChunkHasher}
 * seam, a pure-Java implementation (BouncyCastle, ~0.5 GB/s) that always works, a native one (the
 * official BLAKE3 C code, built into the jar and called through the FFM API, several GB/s) used
 * when the library loads, and {@link io.dittofs.store.block.pipeline.hash.ParallelChunkHasher}
 * to hash many chunks on several cores.
 *
 * <h2>Keyed hashing: one key per share</h2>
 *
 * <p>Chunk names are BLAKE3 in <em>keyed</em> mode with a secret 32-byte key per share (the
 * share's dedup domain), never plain BLAKE3. So:
 *
 * <ul>
 *   <li>the remote never sees a plaintext hash: an object name reveals nothing about the content
 *       to anyone without the key (no "is this known file stored here?" test by hashing it);
 *   <li>chunk existence cannot leak across shares or tenants: the same content under two keys has
 *       two unrelated names, so writing a guessed file into one share and watching whether the
 *       upload is skipped tells nothing about another share;
 *   <li>the price is that identical data in two shares is stored twice. Shares that should dedup
 *       against each other (one tenant's shares) can be configured to share one dedup domain and
 *       so one key.
 * </ul>
 *
 * <p>The key is random, made when the dedup domain is created, and kept wrapped by the
 * key-encryption key like a data key. It is not derived from the key-encryption key, so
 * rotating that key does not rename every chunk. The unkeyed mode exists for tests and tools
 * ({@code b3sum} cross-checks), not for naming stored chunks.
 */
@NullMarked
package io.dittofs.store.block.pipeline.hash;

import org.jspecify.annotations.NullMarked;
