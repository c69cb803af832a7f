/**
 * NFS version 4, minor versions 0 (RFC 7530) and 1 (RFC 8881): the COMPOUND procedure, its
 * operations ({@code ops}), file attributes ({@code attr}) and client, session and open/lock
 * state ({@code state}).
 */
@NullMarked
package io.dittofs.nfs.v4;

import org.jspecify.annotations.NullMarked;
