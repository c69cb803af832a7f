/** The interface through which protocol adapters plug into the daemon. */
@NullMarked
package io.dittofs.runtime.adapter;

import org.jspecify.annotations.NullMarked;
