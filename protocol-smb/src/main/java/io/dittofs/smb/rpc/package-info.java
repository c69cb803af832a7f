/**
 * Just enough DCE/RPC (C706, MS-RPCE) over IPC$ named pipes for share listing: the srvsvc
 * interface's NetrShareEnum (MS-SRVS 3.1.4.8), so {@code smbclient -L} and Explorer list shares.
 */
@NullMarked
package io.dittofs.smb.rpc;

import org.jspecify.annotations.NullMarked;
