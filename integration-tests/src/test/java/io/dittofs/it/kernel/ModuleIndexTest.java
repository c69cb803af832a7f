package io.dittofs.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleIndexTest {

    @Test
    void moduleLoadOrderPutsDependenciesFirstAndOnce(@TempDir Path dir) throws IOException {
        Path dep = dir.resolve("modules.dep");
        Files.writeString(dep, """
                kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko kernel/fs/fscache/fscache.ko kernel/fs/netfs/netfs.ko
                kernel/net/9p/9pnet_virtio.ko: kernel/net/9p/9pnet.ko kernel/drivers/virtio/virtio.ko
                kernel/net/9p/9pnet.ko:
                kernel/fs/fscache/fscache.ko: kernel/fs/netfs/netfs.ko
                kernel/fs/netfs/netfs.ko:
                kernel/drivers/virtio/virtio.ko:
                """);
        assertThat(ModuleIndex.read(dep).loadOrder(List.of("9pnet_virtio", "9p")))
                .containsExactly(
                        "kernel/net/9p/9pnet.ko",
                        "kernel/drivers/virtio/virtio.ko",
                        "kernel/net/9p/9pnet_virtio.ko",
                        "kernel/fs/netfs/netfs.ko",
                        "kernel/fs/fscache/fscache.ko",
                        "kernel/fs/9p/9p.ko");
    }

    @Test
    void compressedModulesAreNamedWithoutTheirSuffix() {
        assertThat(ModuleIndex.moduleName("kernel/fs/smb/client/cifs.ko.xz")).isEqualTo("cifs");
        assertThat(ModuleIndex.moduleName("kernel/drivers/net/virtio-net.ko")).isEqualTo("virtio_net");
    }
}
