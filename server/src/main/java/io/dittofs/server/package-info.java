/** The daemon: the one composition root, turning a config into stores, shares, a runtime and adapters. */
@NullMarked
package io.dittofs.server;

import org.jspecify.annotations.NullMarked;
