/** The built-in portmapper: rpcbind versions 2 to 4 (RFC 1833), answering for this adapter's programs only. */
@NullMarked
package io.dittofs.nfs.portmap;

import org.jspecify.annotations.NullMarked;
