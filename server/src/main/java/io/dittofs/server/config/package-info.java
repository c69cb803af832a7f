/** The typed configuration tree, its YAML loading, defaults and validation. */
@NullMarked
package io.dittofs.server.config;

import org.jspecify.annotations.NullMarked;
