/**
 * A {@link io.dittofs.store.block.BlockStore} held in the heap: for tests and for shares whose
 * data need not outlive the process.
 */
@NullMarked
package io.dittofs.store.block.memory;

import org.jspecify.annotations.NullMarked;
