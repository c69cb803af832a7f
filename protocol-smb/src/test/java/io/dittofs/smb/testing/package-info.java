/** Test support: Netty leak tracking. */
@NullMarked
package io.dittofs.smb.testing;

import org.jspecify.annotations.NullMarked;
