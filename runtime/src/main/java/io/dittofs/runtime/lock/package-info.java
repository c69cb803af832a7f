/** The byte-range lock manager shared by NLM, NFSv4 and SMB. */
@NullMarked
package io.dittofs.runtime.lock;

import org.jspecify.annotations.NullMarked;
