/** The runtime: composes identities, shares and the lock manager; owns every file operation. Depends on the store SPIs, never on a protocol or Netty. */
@NullMarked
package io.dittofs.runtime;

import org.jspecify.annotations.NullMarked;
