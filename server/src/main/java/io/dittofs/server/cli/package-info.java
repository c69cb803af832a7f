/** The {@code dittofs} command line. */
@NullMarked
package io.dittofs.server.cli;

import org.jspecify.annotations.NullMarked;
