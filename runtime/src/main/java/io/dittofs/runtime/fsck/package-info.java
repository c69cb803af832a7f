/**
 * Offline consistency check and repair of one share's metadata and content: {@link
 * io.dittofs.runtime.fsck.Fsck}.
 */
@NullMarked
package io.dittofs.runtime.fsck;

import org.jspecify.annotations.NullMarked;
