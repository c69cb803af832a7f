/** The one conformance suite every metadata store implementation extends. */
@NullMarked
package io.dittofs.store.metadata.testkit;

import org.jspecify.annotations.NullMarked;
