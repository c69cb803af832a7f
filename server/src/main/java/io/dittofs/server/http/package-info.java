/** The daemon's small HTTP endpoint for health and status (the REST control plane grows here). */
@NullMarked
package io.dittofs.server.http;

import org.jspecify.annotations.NullMarked;
