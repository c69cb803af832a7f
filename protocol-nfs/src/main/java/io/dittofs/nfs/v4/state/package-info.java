/** NFSv4 protocol state: client ids, leases, sessions and slots, open and lock stateids. */
@NullMarked
package io.dittofs.nfs.v4.state;

import org.jspecify.annotations.NullMarked;
