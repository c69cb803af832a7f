/** The NFSv4 operations, grouped by what they act on; each method cites its RFC section. */
@NullMarked
package io.dittofs.nfs.v4.ops;

import org.jspecify.annotations.NullMarked;
