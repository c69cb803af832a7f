/**
 * Boots a real Linux kernel under QEMU (TCG) so integration tests can drive the kernel's NFS and
 * CIFS clients against a DittoFS server listening on the host's loopback.
 *
 * <p>{@link io.dittofs.it.kernel.KernelGuest} is the entry point: it checks the host ({@link
 * io.dittofs.it.kernel.HostCheck}), builds and caches a small initramfs ({@link
 * io.dittofs.it.kernel.InitramfsBuilder}), and runs one {@link io.dittofs.it.kernel.GuestScript}
 * per boot, returning a {@link io.dittofs.it.kernel.GuestRun} with one {@link
 * io.dittofs.it.kernel.StepResult} per step. See {@code integration-tests/README.md}.
 */
@NullMarked
package io.dittofs.it.kernel;

import org.jspecify.annotations.NullMarked;
