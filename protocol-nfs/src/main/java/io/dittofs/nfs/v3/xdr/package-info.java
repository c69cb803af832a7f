/** The wire types of NFS version 3 (RFC 1813 section 2 and 3), each a record with decode and encode. */
@NullMarked
package io.dittofs.nfs.v3.xdr;

import org.jspecify.annotations.NullMarked;
