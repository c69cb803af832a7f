/** The NFS protocol adapter: ONC-RPC over TCP serving the portmapper, MOUNT v3 and NFSv3 on the runtime's file systems. */
@NullMarked
package io.dittofs.nfs;

import org.jspecify.annotations.NullMarked;
