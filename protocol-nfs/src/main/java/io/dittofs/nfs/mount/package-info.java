/** MOUNT version 3 (RFC 1813 appendix I). */
@NullMarked
package io.dittofs.nfs.mount;

import org.jspecify.annotations.NullMarked;
