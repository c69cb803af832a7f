package io.dittofs.it.kernel;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Boots Debian's kernel under QEMU (TCG) and runs one {@link GuestScript} in it, so tests can
 * drive the kernel NFS and CIFS clients against a server on the host's loopback.
 *
 * <p>The guest's root is an overlay: the host root, read-only over virtio-9p, under a tmpfs. So
 * the guest runs the host's {@code mount.nfs}, {@code mount.cifs}, {@code python3} and loads the
 * host's {@code /lib/modules}, and can write anywhere without touching the host. A second,
 * writable 9p share, {@code /scratch}, is this boot's {@code scratch/} directory on the host:
 * the script, its output, its step results and its exit status travel through it. User-mode
 * networking puts the host's loopback at {@code 10.0.2.2}; connections reach the host from
 * {@code 127.0.0.1} on unprivileged ports.
 *
 * <p>A boot costs seconds, so a test class should batch its checks as steps of one script. One
 * instance can run boots one after another or at the same time; each gets its own directory.
 */
public final class KernelGuest {

    private static final System.Logger LOG = System.getLogger(KernelGuest.class.getName());

    private final GuestOptions options;
    private final GuestKernel kernel;
    private final Path qemu;
    private final CachedFile initramfs;
    private final Optional<CachedFile> pvhKernel;

    private KernelGuest(
            GuestOptions options, GuestKernel kernel, Path qemu, CachedFile initramfs, Optional<CachedFile> pvhKernel) {
        this.options = options;
        this.kernel = kernel;
        this.qemu = qemu;
        this.initramfs = initramfs;
        this.pvhKernel = pvhKernel;
    }

    /**
     * Checks the host and builds (or reuses) the initramfs and the extracted kernel.
     *
     * @throws IllegalStateException when the host lacks a package; {@link HostCheck#run()} tells
     *     the same without throwing, for a test that should skip instead
     */
    public static KernelGuest prepare(GuestOptions options) throws IOException, InterruptedException {
        HostCheck check = HostCheck.run();
        if (!check.satisfied()) {
            throw new IllegalStateException(check.reason());
        }
        GuestKernel kernel = Objects.requireNonNull(check.kernel());
        ImageCache cache = new ImageCache(options.cacheDir());
        CachedFile initramfs =
                new InitramfsBuilder(kernel, Objects.requireNonNull(check.busybox()), cache).buildOrReuse();
        Optional<CachedFile> pvhKernel =
                options.pvhBoot() ? PvhKernelExtractor.extract(kernel, cache) : Optional.empty();
        LOG.log(
                Level.INFO,
                "kernel guest: kernel {0}, initramfs {1} ({2}), boot image {3} ({4})",
                kernel.version(),
                initramfs.path(),
                describe(initramfs),
                pvhKernel.map(CachedFile::path).orElse(kernel.image()),
                pvhKernel.map(file -> "PVH, " + describe(file)).orElse("compressed"));
        return new KernelGuest(options, kernel, Objects.requireNonNull(check.qemu()), initramfs, pvhKernel);
    }

    private static String describe(CachedFile file) {
        return file.built() ? "built in " + file.buildTime().toMillis() + " ms" : "cached";
    }

    public GuestKernel kernel() {
        return kernel;
    }

    public CachedFile initramfs() {
        return initramfs;
    }

    /** The uncompressed kernel QEMU boots through its PVH entry, when it could be extracted. */
    public Optional<CachedFile> pvhKernel() {
        return pvhKernel;
    }

    /** What {@code -kernel} gets: the PVH kernel when there is one, else the compressed image. */
    public Path bootImage() {
        return pvhKernel.map(CachedFile::path).orElse(kernel.image());
    }

    public GuestOptions options() {
        return options;
    }

    /**
     * Boots the guest, runs {@code script} and powers off; returns when QEMU has exited.
     *
     * @param name names this boot's directory under {@link GuestOptions#runsDir()}
     * @param timeout for the whole boot; the guest also powers itself off at this deadline, so a
     *     QEMU left behind by a dead test JVM does not run on
     */
    public GuestRun run(String name, GuestScript script, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(options.runsDir());
        Path runDir = Files.createTempDirectory(options.runsDir().toAbsolutePath(), name + "-");
        Path scratch = runDir.resolve("scratch");
        Path guestDir = scratch.resolve(".guest");
        Files.createDirectories(guestDir);
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.write(guestDir.resolve("run.sh"), InitramfsBuilder.resource("guest-run.sh"));
        Files.write(guestDir.resolve("lib.sh"), InitramfsBuilder.resource("guest-lib.sh"));
        Files.writeString(guestDir.resolve("main.sh"), script.render());
        Files.writeString(guestDir.resolve("timeout"), Long.toString(Math.max(1, timeout.toSeconds())));
        List<String> command = qemuCommand(scratch);
        writeBootScript(runDir.resolve("boot.sh"), command);

        LOG.log(Level.INFO, "kernel guest: booting {0}", runDir);
        QemuProcess.Outcome boot = QemuProcess.run(command, runDir.resolve("console.log"), timeout);
        if (boot.timedOut()) {
            LOG.log(Level.WARNING, "kernel guest: {0} outlived its timeout of {1}; QEMU was stopped", runDir, timeout);
        }
        GuestRun run = new GuestRun(
                runDir,
                readExitStatus(guestDir.resolve("exit-status")),
                boot.timedOut(),
                readIfExists(scratch.resolve("output.log")),
                readSteps(scratch.resolve("steps.log")),
                boot.bootToScript(),
                boot.total(),
                boot.consoleTail());
        LOG.log(
                Level.INFO,
                "kernel guest: {0} done: exit {1}, boot-to-script {2} ms, total {3} ms",
                runDir.getFileName(),
                run.exitStatus().isPresent() ? run.exitStatus().getAsInt() : "none",
                boot.bootToScript().map(Duration::toMillis).orElse(-1L),
                boot.total().toMillis());
        return run;
    }

    /** The QEMU command line for one boot whose writable share is {@code scratch}. */
    List<String> qemuCommand(Path scratch) {
        List<String> kernelArgs = new ArrayList<>(List.of(
                "console=ttyS0",
                "quiet", // the boot log is slow on an emulated UART; init saves dmesg to scratch
                "panic=-1", // with -no-reboot, a panic ends QEMU at once
                "mitigations=off")); // speculation workarounds only slow an emulated CPU
        kernelArgs.addAll(options.extraKernelArgs());
        return List.of(
                qemu.toString(),
                "-accel",
                "tcg", // /dev/kvm here is kvm_pvm, which cannot boot a stock kernel
                "-cpu",
                "max",
                "-smp",
                Integer.toString(options.cpus()),
                "-m",
                Integer.toString(options.memoryMib()),
                "-nodefaults",
                "-no-user-config",
                "-no-reboot",
                "-display",
                "none",
                "-monitor",
                "none",
                "-serial",
                "stdio",
                "-kernel",
                bootImage().toAbsolutePath().toString(),
                "-initrd",
                initramfs.path().toAbsolutePath().toString(),
                "-append",
                String.join(" ", kernelArgs),
                "-netdev",
                "user,id=net0",
                "-device",
                "virtio-net-pci,netdev=net0",
                "-fsdev",
                "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap",
                "-device",
                "virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot",
                "-fsdev",
                "local,id=scratch,path="
                        + qemuOptionValue(scratch.toAbsolutePath().toString()) + ",security_model=none,multidevs=remap",
                "-device",
                "virtio-9p-pci,fsdev=scratch,mount_tag=scratch");
    }

    /** QEMU splits options at commas; a comma inside a value is written twice. */
    private static String qemuOptionValue(String value) {
        return value.replace(",", ",,");
    }

    /** Leaves a script that repeats this boot by hand, for debugging (see the README). */
    private static void writeBootScript(Path file, List<String> command) throws IOException {
        StringBuilder text = new StringBuilder("""
                #!/bin/sh
                # Repeats this boot. Edit scratch/.guest/main.sh first if you like; see
                # integration-tests/README.md, "Kernel guest", for an interactive shell.
                rm -f "$(dirname "$0")/scratch/steps.log"
                exec""");
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            boolean option = argument.startsWith("-") && i > 0;
            text.append(option ? " \\\n  " : " ").append(GuestScript.quote(argument));
        }
        Files.writeString(file, text.append('\n'));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static OptionalInt readExitStatus(Path file) throws IOException {
        String text = readIfExists(file).strip();
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static List<StepResult> readSteps(Path file) throws IOException {
        List<StepResult> steps = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : readIfExists(file).lines().toList()) {
            StepResult.parse(line).ifPresent(step -> {
                int count = seen.merge(step.name(), 1, Integer::sum);
                steps.add(
                        count == 1
                                ? step
                                : new StepResult(step.name() + "#" + count, step.ok(), step.elapsed(), step.detail()));
            });
        }
        return steps;
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
