/** A small NFSv3, MOUNT and portmapper client on this module's RPC and XDR layers, for tests and benchmarks. */
@NullMarked
package io.dittofs.nfs.client;

import org.jspecify.annotations.NullMarked;
