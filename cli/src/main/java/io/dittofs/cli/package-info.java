/** {@code dfsctl}: administers a running DittoFS over HTTP only; it never links the server. */
@NullMarked
package io.dittofs.cli;

import org.jspecify.annotations.NullMarked;
