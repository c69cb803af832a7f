/** The file-system API both protocols call, and its POSIX implementation over the store SPIs. */
@NullMarked
package io.dittofs.runtime.fs;

import org.jspecify.annotations.NullMarked;
