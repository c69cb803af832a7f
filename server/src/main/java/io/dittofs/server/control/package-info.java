/**
 * The control plane's state (users, groups, stores, shares, adapters), kept in one fsync'd JSON
 * file under the data folder, its secrets sealed with the server key, and the operations the
 * REST API runs on it (validated, applied live, then saved).
 */
@NullMarked
package io.dittofs.server.control;

import org.jspecify.annotations.NullMarked;
