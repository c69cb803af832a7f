/** Who is asking: the auth context every operation carries from the wire to the store. */
@NullMarked
package io.dittofs.runtime.auth;

import org.jspecify.annotations.NullMarked;
