/** The file-content layer: maps file offsets to blocks of a block store, with a bounded write-back cache for unstable writes. */
@NullMarked
package io.dittofs.runtime.content;

import org.jspecify.annotations.NullMarked;
