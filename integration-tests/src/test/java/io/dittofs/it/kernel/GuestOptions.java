package io.dittofs.it.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link KernelGuest} boots.
 *
 * @param memoryMib guest memory; its tmpfs root overlay and page cache live here
 * @param cpus virtual CPUs; under TCG each costs a host thread while it runs
 * @param cacheDir where built initramfs images are kept, keyed by kernel version and content
 * @param runsDir where each boot gets its own directory (console log, scratch share)
 * @param extraKernelArgs appended to the kernel command line, e.g. {@code nfs.debug} knobs
 * @param pvhBoot boot the extracted, uncompressed kernel through its PVH entry point (about 3 s
 *     faster per boot under TCG); when off, or when extraction is not possible, QEMU boots the
 *     compressed image
 */
public record GuestOptions(
        int memoryMib, int cpus, Path cacheDir, Path runsDir, List<String> extraKernelArgs, boolean pvhBoot) {

    /**
     * 1 GiB: the guest uses ~120 MiB after boot with the client modules loaded; the rest holds
     * files the tests write into the guest's tmpfs root and the page cache of files read through
     * NFS or SMB.
     */
    public static final int DEFAULT_MEMORY_MIB = 1024;

    /**
     * One vCPU: on these two-core machines it boots as fast as two, and leaves a core for the
     * DittoFS server under test. Tests of concurrent clients can ask for more.
     */
    public static final int DEFAULT_CPUS = 1;

    public GuestOptions {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(runsDir, "runsDir");
        if (memoryMib < 256) {
            throw new IllegalArgumentException("memoryMib must be at least 256, got " + memoryMib);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        }
        extraKernelArgs = List.copyOf(extraKernelArgs);
    }

    /**
     * Defaults, with boots recorded under {@code runsDir} and images cached in {@code
     * $DITTOFS_QEMU_CACHE}, else {@code ~/.cache/dittofs-qemu}.
     */
    public static GuestOptions defaults(Path runsDir) {
        String cache = System.getenv("DITTOFS_QEMU_CACHE");
        Path cacheDir = cache != null && !cache.isBlank()
                ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "dittofs-qemu");
        return new GuestOptions(DEFAULT_MEMORY_MIB, DEFAULT_CPUS, cacheDir, runsDir, List.of(), true);
    }

    public GuestOptions withMemoryMib(int memoryMib) {
        return new GuestOptions(memoryMib, cpus, cacheDir, runsDir, extraKernelArgs, pvhBoot);
    }

    public GuestOptions withCpus(int cpus) {
        return new GuestOptions(memoryMib, cpus, cacheDir, runsDir, extraKernelArgs, pvhBoot);
    }

    public GuestOptions withCacheDir(Path cacheDir) {
        return new GuestOptions(memoryMib, cpus, cacheDir, runsDir, extraKernelArgs, pvhBoot);
    }

    public GuestOptions withExtraKernelArgs(List<String> extraKernelArgs) {
        return new GuestOptions(memoryMib, cpus, cacheDir, runsDir, extraKernelArgs, pvhBoot);
    }

    public GuestOptions withPvhBoot(boolean pvhBoot) {
        return new GuestOptions(memoryMib, cpus, cacheDir, runsDir, extraKernelArgs, pvhBoot);
    }
}
