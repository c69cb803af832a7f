/** NFS version 3 (RFC 1813): one handler class per procedure and the wire types they exchange. */
@NullMarked
package io.dittofs.nfs.v3;

import org.jspecify.annotations.NullMarked;
