/**
 * The stored object format: a versioned {@link io.dittofs.store.block.pipeline.format.ObjectHeader
 * header} (compression, encryption algorithm, key id, nonce, wrapped data key, lengths) followed
 * by the payload, so formats can evolve and every object says how to read it back.
 */
@NullMarked
package io.dittofs.store.block.pipeline.format;

import org.jspecify.annotations.NullMarked;
