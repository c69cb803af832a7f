package io.dittofs.it.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the guest's initramfs: a static busybox, {@code /init} (the {@code initramfs-init.sh}
 * resource) and the virtio, 9p and overlay modules with their dependencies, packed with {@code
 * cpio} and {@code gzip}. Everything else the guest runs comes from the host root over 9p.
 *
 * <p>The image is cached under a name made of the kernel version and a hash of everything that
 * goes in, so a kernel update, a busybox update or an edit of the init script builds a new one.
 */
final class InitramfsBuilder {

    static final String INIT_RESOURCE = "initramfs-init.sh";

    private final GuestKernel kernel;
    private final Path busybox;
    private final ImageCache cache;

    InitramfsBuilder(GuestKernel kernel, Path busybox, ImageCache cache) {
        this.kernel = kernel;
        this.busybox = busybox;
        this.cache = cache;
    }

    CachedFile buildOrReuse() throws IOException, InterruptedException {
        byte[] init = resource(INIT_RESOURCE);
        Path modulesDep = kernel.modulesDir().resolve("modules.dep");
        List<String> modules = ModuleIndex.read(modulesDep).loadOrder(HostCheck.BOOT_MODULES);
        String key = ImageCache.key(
                init,
                String.join("\n", modules).getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(modulesDep),
                ImageCache.fingerprint(busybox));
        String name = "initramfs-" + kernel.version() + "-" + key + ".cpio.gz";
        return cache.getOrBuild(name, target -> {
                    build(init, modules, target);
                    return true;
                })
                .orElseThrow();
    }

    private void build(byte[] init, List<String> modules, Path target) throws IOException, InterruptedException {
        Path staging = Files.createTempDirectory(cache.dir(), "staging-");
        try {
            Files.createDirectories(staging.resolve("bin"));
            copyExecutable(busybox, staging.resolve("bin/busybox"));
            Files.write(staging.resolve("init"), init);
            Files.setPosixFilePermissions(staging.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
            StringBuilder order = new StringBuilder();
            for (String module : modules) {
                order.append(copyModule(module, staging.resolve("lib/modules"))).append('\n');
            }
            Files.writeString(staging.resolve("modules.order"), order);
            // Sorted names and gzip -n (no name, no timestamp) keep the image stable across builds.
            Process pack = new ProcessBuilder(
                            "sh",
                            "-c",
                            "find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -6n > \"$1\"",
                            "sh",
                            target.toAbsolutePath().toString())
                    .directory(staging.toFile())
                    .redirectErrorStream(true)
                    .start();
            String packOutput = new String(pack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (pack.waitFor() != 0) {
                throw new IOException("cpio | gzip failed with exit " + pack.exitValue() + ": " + packOutput);
            }
        } finally {
            deleteTree(staging);
        }
    }

    private static void copyExecutable(Path source, Path target) throws IOException {
        Files.copy(source, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Copies one module into the staging tree, uncompressed: busybox {@code insmod} cannot read
     * {@code .ko.xz} or {@code .ko.zst} (Debian 12 ships plain {@code .ko}, later releases do not).
     */
    private String copyModule(String module, Path stagingModules) throws IOException, InterruptedException {
        Path source = kernel.modulesDir().resolve(module);
        String unpacked = module.replaceFirst("\\.ko\\.(xz|zst|gz)$", ".ko");
        Path target = stagingModules.resolve(unpacked);
        Files.createDirectories(target.getParent());
        if (unpacked.equals(module)) {
            Files.copy(source, target);
            return unpacked;
        }
        String decompressor = module.endsWith(".xz") ? "xz" : module.endsWith(".zst") ? "zstd" : "gzip";
        Process process = new ProcessBuilder(decompressor, "-dc", source.toString())
                .redirectOutput(target.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (process.waitFor() != 0) {
            throw new IOException(decompressor + " -dc " + source + " failed with exit " + process.exitValue());
        }
        return unpacked;
    }

    static byte[] resource(String name) {
        try (InputStream in = InitramfsBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + InitramfsBuilder.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
