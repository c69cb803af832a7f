/** Per-connection state and the request pipeline: credits, compounding, signing, sessions, tree connects and opens. */
@NullMarked
package io.dittofs.smb.server;

import org.jspecify.annotations.NullMarked;
