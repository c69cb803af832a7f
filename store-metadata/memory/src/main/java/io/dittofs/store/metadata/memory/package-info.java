/** A metadata store in memory: for tests and scratch shares; everything is gone at restart. */
@NullMarked
package io.dittofs.store.metadata.memory;

import org.jspecify.annotations.NullMarked;
