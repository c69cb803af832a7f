/** Helpers that store implementations share; nothing here is part of the SPI contract itself. */
@NullMarked
package io.dittofs.store.metadata.support;

import org.jspecify.annotations.NullMarked;
