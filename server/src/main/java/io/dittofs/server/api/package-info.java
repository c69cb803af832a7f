/**
 * The REST control plane over Netty's HTTP codec: a small router, JSON bodies read strictly with
 * Jackson, JWT authentication, and the routes for users, groups, stores, shares, adapters,
 * status, health, readiness, metrics and the OpenAPI document.
 */
@NullMarked
package io.dittofs.server.api;

import org.jspecify.annotations.NullMarked;
