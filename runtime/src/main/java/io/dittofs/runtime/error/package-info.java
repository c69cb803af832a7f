/** The one error domain: {@link io.dittofs.runtime.error.FsException} with a protocol-neutral {@link io.dittofs.runtime.error.ErrorCode}; each protocol maps it in exactly one place. */
@NullMarked
package io.dittofs.runtime.error;

import org.jspecify.annotations.NullMarked;
