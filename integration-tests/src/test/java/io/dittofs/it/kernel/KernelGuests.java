package io.dittofs.it.kernel;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Shared by the kernel-client tests: one prepared guest, skipping only where the host lacks packages. */
public final class KernelGuests {
    private KernelGuests() {}

    /**
     * A prepared guest; aborts the test (skip) when QEMU or the kernel packages are missing,
     * unless {@code DITTOFS_REQUIRE_KERNEL_GUEST=true}, which turns that into a failure.
     */
    public static KernelGuest prepareOrSkip() throws Exception {
        HostCheck check = HostCheck.run();
        if (!check.satisfied()) {
            if ("true".equals(System.getenv("DITTOFS_REQUIRE_KERNEL_GUEST"))) {
                throw new AssertionError("kernel guest required but unavailable: " + check.reason());
            }
            Assumptions.abort(check.reason());
        }
        return KernelGuest.prepare(GuestOptions.defaults(Path.of("target", "kernel-guest")));
    }
}
