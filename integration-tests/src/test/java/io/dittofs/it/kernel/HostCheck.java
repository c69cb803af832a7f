package io.dittofs.it.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What the host must provide to boot a kernel guest, and what is missing. Each problem names the
 * Debian package that fixes it; {@code src/test/scripts/install-kernel-client-deps.sh} installs
 * them all.
 *
 * @param kernel the kernel the guest will boot, when one is installed
 * @param qemu {@code qemu-system-x86_64}, when found
 * @param busybox a statically linked busybox, when found
 * @param problems why a guest cannot boot (or cannot run the NFS/CIFS clients); empty when it can
 */
public record HostCheck(
        @Nullable GuestKernel kernel,
        @Nullable Path qemu,
        @Nullable Path busybox,
        List<String> problems) {

    static final String INSTALL_HINT = "run integration-tests/src/test/scripts/install-kernel-client-deps.sh";

    /** Modules the initramfs loads to reach the host root; the rest come from the host root. */
    static final List<String> BOOT_MODULES = List.of("virtio_pci", "virtio_net", "9pnet_virtio", "9p", "overlay");

    /** Modules the guest loads later, from the host root, to be an NFS and SMB client. */
    static final List<String> CLIENT_MODULES = List.of("sunrpc", "nfs", "nfsv3", "nfsv4", "cifs");

    private static final Pattern DEPENDS_KERNEL = Pattern.compile("linux-image-(\\d[^\\s,(]*)");

    public HostCheck {
        problems = List.copyOf(problems);
    }

    /** Checks the standard Debian locations: {@code /boot}, {@code /lib/modules}, {@code $PATH}. */
    public static HostCheck run() {
        return run(Path.of("/boot"), Path.of("/lib/modules"), Path.of("/"));
    }

    static HostCheck run(Path bootDir, Path modulesRoot, Path hostRoot) {
        List<String> problems = new ArrayList<>();
        Path qemu = executable("qemu-system-x86_64").orElse(null);
        if (qemu == null) {
            problems.add("qemu-system-x86_64 is not on PATH (Debian package qemu-system-x86)");
        }
        for (String tool : List.of("cpio", "gzip")) {
            if (executable(tool).isEmpty()) {
                problems.add(tool + " is not on PATH (Debian package " + tool + ")");
            }
        }
        Path busybox = staticBusybox(hostRoot, problems);
        GuestKernel kernel = kernel(bootDir, modulesRoot, problems);
        // The guest runs these from the host root, so they must exist there, not only on PATH.
        requireFile(
                hostRoot, List.of("usr/sbin/modprobe", "sbin/modprobe"), "modprobe (Debian package kmod)", problems);
        requireFile(
                hostRoot,
                List.of("usr/sbin/mount.nfs", "sbin/mount.nfs"),
                "mount.nfs (Debian package nfs-common)",
                problems);
        requireFile(
                hostRoot,
                List.of("usr/sbin/mount.cifs", "sbin/mount.cifs"),
                "mount.cifs (Debian package cifs-utils)",
                problems);
        requireFile(hostRoot, List.of("usr/bin/bash", "bin/bash"), "bash", problems);
        return new HostCheck(kernel, qemu, busybox, problems);
    }

    public boolean satisfied() {
        return problems.isEmpty();
    }

    /** One line for a skipped test or a failure message. */
    public String reason() {
        return satisfied()
                ? "kernel guest prerequisites are installed"
                : "cannot boot a kernel guest: " + String.join("; ", problems) + " (" + INSTALL_HINT + ")";
    }

    /**
     * The kernel to boot: the one Debian's {@code linux-image-amd64} depends on, else the newest
     * that has every module the guest needs (a runner's own kernel, e.g. a {@code -cloud-amd64}
     * flavour, may lack 9p), else the newest, with its missing modules reported.
     */
    private static @Nullable GuestKernel kernel(Path bootDir, Path modulesRoot, List<String> problems) {
        List<GuestKernel> kernels;
        try {
            kernels = GuestKernel.installed(bootDir, modulesRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list kernels in " + bootDir, e);
        }
        if (kernels.isEmpty()) {
            problems.add("no kernel image with modules in " + bootDir + " and " + modulesRoot
                    + " (Debian package linux-image-amd64)");
            return null;
        }
        Optional<String> metapackage = debianMetapackageKernel();
        GuestKernel kernel = kernels.stream()
                .filter(k -> metapackage.isPresent() && k.version().equals(metapackage.get()))
                .findFirst()
                .or(() -> kernels.stream()
                        .filter(k -> missingModules(k).isEmpty())
                        .findFirst())
                .orElse(kernels.getFirst());
        if (!Files.isReadable(kernel.image())) {
            problems.add(kernel.image() + " is not readable by this user");
        }
        for (String module : missingModules(kernel)) {
            problems.add("kernel " + kernel.version() + " has no module " + module);
        }
        return kernel;
    }

    private static List<String> missingModules(GuestKernel kernel) {
        try {
            ModuleIndex modules = ModuleIndex.read(kernel.modulesDir().resolve("modules.dep"));
            return Stream.concat(BOOT_MODULES.stream(), CLIENT_MODULES.stream())
                    .filter(module -> !modules.contains(module))
                    .toList();
        } catch (IOException e) {
            return List.of("(modules.dep unreadable: " + e.getMessage() + ")");
        }
    }

    /** The release {@code linux-image-amd64} depends on, e.g. {@code 6.1.0-56-amd64}, if dpkg knows. */
    static Optional<String> debianMetapackageKernel() {
        if (executable("dpkg-query").isEmpty()) {
            return Optional.empty();
        }
        try {
            Process query = new ProcessBuilder("dpkg-query", "-W", "-f=${Depends}", "linux-image-amd64")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String depends = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (query.waitFor() != 0) {
                return Optional.empty();
            }
            Matcher matcher = DEPENDS_KERNEL.matcher(depends);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static @Nullable Path staticBusybox(Path hostRoot, List<String> problems) {
        for (String candidate : List.of("bin/busybox", "usr/bin/busybox")) {
            Path busybox = hostRoot.resolve(candidate);
            if (Files.isRegularFile(busybox)) {
                if (isStatic(busybox)) {
                    return busybox;
                }
                problems.add(busybox + " is not a statically linked x86-64 binary (Debian package busybox-static)");
                return null;
            }
        }
        problems.add("no busybox in /bin or /usr/bin (Debian package busybox-static)");
        return null;
    }

    private static boolean isStatic(Path file) {
        try {
            return Elf.isStatic(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void requireFile(Path hostRoot, List<String> candidates, String what, List<String> problems) {
        if (candidates.stream().noneMatch(candidate -> Files.isRegularFile(hostRoot.resolve(candidate)))) {
            problems.add("no " + what + " in the host root");
        }
    }

    static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
