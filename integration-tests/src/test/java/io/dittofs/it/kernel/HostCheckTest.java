package io.dittofs.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckTest {

    @Test
    void emptyHostIsReportedWithThePackagesToInstall(@TempDir Path root) throws IOException {
        Path boot = Files.createDirectories(root.resolve("boot"));
        Path modules = Files.createDirectories(root.resolve("lib/modules"));

        HostCheck check = HostCheck.run(boot, modules, root);

        assertThat(check.satisfied()).isFalse();
        assertThat(check.kernel()).isNull();
        assertThat(check.reason())
                .contains(
                        "linux-image-amd64",
                        "busybox-static",
                        "kmod",
                        "nfs-common",
                        "cifs-utils",
                        "install-kernel-client-deps.sh");
    }

    @Test
    void dynamicBusyboxIsNotAcceptedForTheInitramfs(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        // A dynamically linked ELF of the host (any will do): it would need a libc in the initramfs.
        Files.copy(Path.of("/bin/sh").toRealPath(), root.resolve("bin/busybox"));

        HostCheck check = HostCheck.run(root.resolve("boot"), root.resolve("modules"), root);

        assertThat(check.busybox()).isNull();
        assertThat(check.reason()).contains("is not a statically linked x86-64 binary");
    }

    @Test
    void kernelWithoutTheNeededModulesIsReported(@TempDir Path root) throws IOException {
        Path boot = Files.createDirectories(root.resolve("boot"));
        Files.writeString(boot.resolve("vmlinuz-6.1.0-9-cloud-amd64"), "not really a kernel");
        Path modules = Files.createDirectories(root.resolve("lib/modules/6.1.0-9-cloud-amd64"));
        Files.writeString(modules.resolve("modules.dep"), "kernel/fs/overlayfs/overlay.ko:\n");

        HostCheck check = HostCheck.run(boot, root.resolve("lib/modules"), root);

        assertThat(check.kernel()).isNotNull();
        assertThat(check.reason()).contains("kernel 6.1.0-9-cloud-amd64 has no module 9p");
    }
}
