/**
 * What keeps every protocol's view of a share coherent: {@link
 * io.dittofs.runtime.coherence.CoherentFileSystem} wraps each share's file system so that a
 * change made without an open (NFSv3, or a remove or rename over NFSv4) breaks the caching other
 * clients hold (SMB leases and oplocks, NFSv4 delegations) before it happens, and so that every
 * change of a directory's names is published on {@link io.dittofs.runtime.coherence.FsEvents}
 * (SMB CHANGE_NOTIFY watches them), whichever protocol made it.
 */
@NullMarked
package io.dittofs.runtime.coherence;

import org.jspecify.annotations.NullMarked;
