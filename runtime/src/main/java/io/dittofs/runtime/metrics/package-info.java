/** What adapters report per request, for the server's metrics; no metrics library here. */
@NullMarked
package io.dittofs.runtime.metrics;

import org.jspecify.annotations.NullMarked;
