/** fattr4 (RFC 7530 section 5): the attribute numbers, their encoding and decoding. */
@NullMarked
package io.dittofs.nfs.v4.attr;

import org.jspecify.annotations.NullMarked;
