/**
 * The sealing remote: a {@link io.dittofs.store.block.BlockStore} decorator that stores every
 * object as independently sealed frames (each compressed, then envelope-encrypted, with a
 * versioned {@link io.dittofs.store.block.pipeline.format.ObjectHeader}) behind a small frame
 * index, so the remote holds only ciphertext and a ranged read fetches only the frames it needs.
 */
@NullMarked
package io.dittofs.store.block.pipeline.seal;

import org.jspecify.annotations.NullMarked;
