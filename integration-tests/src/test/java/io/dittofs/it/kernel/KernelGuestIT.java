package io.dittofs.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the kernel guest harness itself, in one boot: the guest runs the installed kernel, loads
 * the NFS and CIFS clients, reaches a TCP server on the host's loopback, and reports each step,
 * failures and timeouts included.
 *
 * <p>Skips when the host lacks the packages (see {@link HostCheck}), unless {@code
 * DITTOFS_REQUIRE_KERNEL_GUEST=true}, which CI sets so that a broken install fails instead.
 */
class KernelGuestIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
    private static final String GREETING = "hello-from-guest";

    private static KernelGuest guest;
    private static GuestRun run;
    private static Received received;

    private record Received(String line, InetAddress remote) {}

    @BeforeAll
    static void bootOnce() throws Exception {
        requireHost();
        guest = KernelGuest.prepare(GuestOptions.defaults(Path.of("target", "kernel-guest")));
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Received> connection = acceptOneLine(server);
            GuestScript script = GuestScript.builder()
                    .env("ECHO_PORT", server.getLocalPort())
                    .step("kernel-release", "uname -r")
                    .loadClientModules("client-modules")
                    .step("client-modules-listed", """
                            for m in sunrpc nfs nfsv3 nfsv4 cifs; do
                                grep -q "^$m " /proc/modules || { echo "$m is not loaded"; exit 1; }
                            done
                            echo all loaded""")
                    .step("host-client-tools", "command -v mount.nfs mount.cifs python3")
                    .step("tcp-to-host", """
                            exec 3<>"/dev/tcp/$HOST_IP/$ECHO_PORT"
                            echo "hello-from-guest $(uname -r)" >&3
                            read -r reply <&3
                            echo "$reply\"""")
                    .step("deliberate-failure", "echo about to fail; exit 3")
                    .stepFails("expected-failure", "cat /no/such/file")
                    .stepTimeout(Duration.ofSeconds(3))
                    .step("hangs-past-its-watchdog", "echo going to sleep; sleep 600")
                    .stepTimeout(Duration.ofSeconds(60))
                    .step("root-is-writable", "echo probe > /etc/dittofs-probe && cat /etc/dittofs-probe")
                    .step("scratch-reaches-host", "echo written-in-guest > \"$SCRATCH/probe.txt\"")
                    .line("exit 0")
                    .build();
            run = guest.run("harness", script, BOOT_TIMEOUT);
            received = connection.get(5, TimeUnit.SECONDS);
        }
        System.out.printf(
                "kernel guest timings: initramfs %s, PVH kernel %s, boot-to-script %d ms, total %d ms"
                        + " (%d MiB, %d vCPU)%n",
                describe(Optional.of(guest.initramfs())),
                describe(guest.pvhKernel()),
                run.bootToScript().map(Duration::toMillis).orElse(-1L),
                run.total().toMillis(),
                guest.options().memoryMib(),
                guest.options().cpus());
    }

    private static String describe(Optional<CachedFile> file) {
        return file.map(f -> f.built() ? "built in " + f.buildTime().toMillis() + " ms" : "cached")
                .orElse("none");
    }

    private static void requireHost() {
        HostCheck check = HostCheck.run();
        if (!check.satisfied()) {
            if ("true".equals(System.getenv("DITTOFS_REQUIRE_KERNEL_GUEST"))) {
                fail(check.reason());
            }
            Assumptions.abort(check.reason());
        }
    }

    /** Accepts one connection, reads a line, answers {@code ack <line>}. */
    private static CompletableFuture<Received> acceptOneLine(ServerSocket server) {
        CompletableFuture<Received> result = new CompletableFuture<>();
        Thread.ofVirtual().name("echo-server").start(() -> {
            try (Socket socket = server.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                OutputStream out = socket.getOutputStream();
                out.write(("ack " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                result.complete(new Received(line, socket.getInetAddress()));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void guestRunsTheInstalledKernelAndFinishesTheScript() {
        assertThat(run.succeeded()).as(run.summary()).isTrue();
        assertThat(run.timedOut()).isFalse();
        assertThat(run.step("kernel-release").ok()).as(run.summary()).isTrue();
        assertThat(run.step("kernel-release").detail()).isEqualTo(guest.kernel().version());
        HostCheck.debianMetapackageKernel()
                .ifPresent(version -> assertThat(guest.kernel().version()).isEqualTo(version));
    }

    @Test
    void debianKernelBootsThroughThePvhEntryOfItsExtractedImage() throws IOException {
        assertThat(guest.pvhKernel()).as("xz-utils installed?").isPresent();
        assertThat(Elf.hasPvhEntry(guest.bootImage())).isTrue();
    }

    @Test
    void nfsAndCifsClientModulesLoadFromTheHostModuleTree() {
        assertThat(run.step("client-modules").ok()).as(run.summary()).isTrue();
        assertThat(run.step("client-modules-listed").detail()).isEqualTo("all loaded");
    }

    @Test
    void hostMountHelpersAreVisibleInTheGuest() {
        assertThat(run.step("host-client-tools").ok()).as(run.summary()).isTrue();
    }

    @Test
    void guestReachesATcpServerOnTheHostLoopbackFrom127001() {
        assertThat(received.line()).isEqualTo(GREETING + " " + guest.kernel().version());
        assertThat(received.remote().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(run.step("tcp-to-host").detail())
                .isEqualTo("ack " + GREETING + " " + guest.kernel().version());
    }

    @Test
    void failingStepIsReportedAsFailWithItsExitStatusAndLastLine() {
        StepResult step = run.step("deliberate-failure");
        assertThat(step.ok()).isFalse();
        assertThat(step.detail()).isEqualTo("exit=3: about to fail");
        assertThat(run.failedSteps())
                .extracting(StepResult::name)
                .containsExactly("deliberate-failure", "hangs-past-its-watchdog");
    }

    @Test
    void stepExpectedToFailIsOkWhenItFails() {
        StepResult step = run.step("expected-failure");
        assertThat(step.ok()).as(run.summary()).isTrue();
        assertThat(step.detail()).startsWith("failed as expected, exit=1");
    }

    @Test
    void hungStepIsKilledByItsWatchdogAndLaterStepsStillRun() {
        StepResult step = run.step("hangs-past-its-watchdog");
        assertThat(step.ok()).isFalse();
        assertThat(step.detail()).isEqualTo("timed out after 3s: going to sleep");
        assertThat(step.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertThat(run.step("root-is-writable").detail()).isEqualTo("probe");
    }

    @Test
    void filesWrittenToScratchReachTheHost() throws IOException {
        assertThat(run.step("scratch-reaches-host").ok()).as(run.summary()).isTrue();
        assertThat(Files.readString(run.scratchDir().resolve("probe.txt"))).isEqualTo("written-in-guest\n");
    }

    @Test
    void outputAndConsoleAreRecordedForDebugging() throws IOException {
        assertThat(run.output()).contains("--- step kernel-release", "STEP deliberate-failure FAIL");
        assertThat(Files.readString(run.consoleLog())).contains(QemuProcess.SCRIPT_START);
        assertThat(run.runDir().resolve("boot.sh")).isExecutable();
        assertThat(run.scratchDir().resolve(".guest/dmesg.log")).isNotEmptyFile();
    }

    /** A second, short boot: what a test sees when the guest hangs past the boot's timeout. */
    @Test
    void bootThatOutlivesItsTimeoutIsStoppedAndKeepsTheStepsItReported() throws Exception {
        GuestScript hangs = GuestScript.builder()
                .step("before-the-hang", "echo still fine")
                .line("sleep 600")
                .build();
        GuestRun stopped = guest.run("timeout", hangs, Duration.ofSeconds(12));
        assertThat(stopped.timedOut()).as(stopped.summary()).isTrue();
        assertThat(stopped.exitStatus()).isEmpty();
        assertThat(stopped.step("before-the-hang").detail()).isEqualTo("still fine");
        assertThat(stopped.total()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void initramfsAndPvhKernelAreBuiltOnceAndThenReused() throws Exception {
        KernelGuest again = KernelGuest.prepare(guest.options());
        assertThat(again.initramfs().built()).isFalse();
        assertThat(again.initramfs().path()).isEqualTo(guest.initramfs().path());
        assertThat(again.pvhKernel())
                .hasValueSatisfying(kernel -> assertThat(kernel.built()).isFalse());
    }
}
