package io.dittofs.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestKernelTest {

    @Test
    void kernelVersionsCompareByTheirNumbers() {
        assertThat(GuestKernel.compareVersions("6.1.0-10-amd64", "6.1.0-9-amd64"))
                .isPositive();
        assertThat(GuestKernel.compareVersions("6.12.1-amd64", "6.1.0-56-amd64"))
                .isPositive();
        assertThat(GuestKernel.compareVersions("6.1.0-56-amd64", "6.1.0-56-amd64"))
                .isZero();
    }
}
