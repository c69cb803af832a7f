/** XDR (RFC 4506): a bounds-checked reader and a writer over Netty buffers. */
@NullMarked
package io.dittofs.nfs.xdr;

import org.jspecify.annotations.NullMarked;
