/**
 * The block store conformance suite: one abstract JUnit 5 class that every {@link
 * io.dittofs.store.block.BlockStore} implementation extends, so that the SPI's contract is checked
 * the same way for memory, local file system and S3; and {@link
 * io.dittofs.store.block.testkit.S3ProxyServer}, a real S3 server (S3Proxy) run as a local process
 * for any module's tests.
 */
@NullMarked
package io.dittofs.store.block.testkit;

import org.jspecify.annotations.NullMarked;
