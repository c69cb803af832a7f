/** Prometheus metrics over Micrometer: per protocol operation, bytes, sessions, open files. */
@NullMarked
package io.dittofs.server.metrics;

import org.jspecify.annotations.NullMarked;
