/** Shares: a name, options, and the file system serving them. */
@NullMarked
package io.dittofs.runtime.share;

import org.jspecify.annotations.NullMarked;
