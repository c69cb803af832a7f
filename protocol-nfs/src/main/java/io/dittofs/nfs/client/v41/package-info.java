/**
 * An NFSv4.1 client (RFC 8881) on the project's ONC-RPC/XDR layer, for tests and dfsbench: no
 * NFSv4.1 client library exists on Maven Central. Written by hand for that reason; it covers the
 * operations a load generator and conformance tests need (sessions, OPEN/READ/WRITE/COMMIT/
 * CLOSE, LOOKUP, GETATTR, READDIR, CREATE, REMOVE, RENAME), not delegations, callbacks, locks or
 * pNFS. Kept apart from the server's NFSv4 code ({@code io.dittofs.nfs.v4}) on purpose: the client
 * encodes what it sends itself, so it checks the server rather than mirroring it.
 */
@NullMarked
package io.dittofs.nfs.client.v41;

import org.jspecify.annotations.NullMarked;
