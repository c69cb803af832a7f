package io.dittofs.it.kernel;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One QEMU run: its serial console (QEMU's stdout) copied line by line to a file, its deadline
 * enforced, and the moment the guest script started noted from the console.
 */
final class QemuProcess {

    /** Printed by the initramfs init right before it starts the script. */
    static final String SCRIPT_START = "DITTOFS_GUEST_SCRIPT_START";

    private static final int CONSOLE_TAIL_LINES = 60;
    private static final Duration TERM_GRACE = Duration.ofSeconds(5);

    /**
     * @param timedOut whether QEMU had to be stopped at the deadline
     * @param total from starting QEMU to its exit
     * @param bootToScript from starting QEMU to {@link #SCRIPT_START} on the console, if seen
     * @param consoleTail the last lines of the console
     */
    record Outcome(boolean timedOut, Duration total, Optional<Duration> bootToScript, String consoleTail) {}

    private QemuProcess() {}

    static Outcome run(List<String> command, Path console, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        Thread killOnExit = new Thread(() -> process.toHandle().destroyForcibly(), "kill-qemu-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        ConsoleReader reader = new ConsoleReader(process, console);
        Thread readerThread =
                Thread.ofVirtual().name("qemu-console-" + process.pid()).start(reader);
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                // Signals through the handle: Process.destroy() would also close QEMU's output,
                // and the console reader would lose what is still in the pipe.
                process.toHandle().destroy();
                if (!process.waitFor(TERM_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.toHandle().destroyForcibly();
                    process.waitFor();
                }
            }
        } finally {
            if (process.isAlive()) {
                process.toHandle().destroyForcibly();
            }
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        readerThread.join();
        IOException failure = reader.failure;
        if (failure != null) {
            throw new UncheckedIOException("cannot record the console in " + console, failure);
        }
        long scriptStart = reader.scriptStartNanos;
        Optional<Duration> bootToScript =
                scriptStart == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(scriptStart - start));
        return new Outcome(timedOut, total, bootToScript, String.join("\n", reader.tail));
    }

    /** Copies the console to a file; its fields are read only after its thread has ended. */
    private static final class ConsoleReader implements Runnable {

        private final Process process;
        private final Path console;
        private final Deque<String> tail = new ArrayDeque<>();
        private long scriptStartNanos;
        private @Nullable IOException failure;

        ConsoleReader(Process process, Path console) {
            this.process = process;
            this.console = console;
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    BufferedWriter out = Files.newBufferedWriter(console, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    line = line.replace("\r", "");
                    if (scriptStartNanos == 0 && line.startsWith(SCRIPT_START)) {
                        scriptStartNanos = System.nanoTime();
                    }
                    out.write(line);
                    out.newLine();
                    out.flush();
                    tail.addLast(line);
                    if (tail.size() > CONSOLE_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
        }
    }
}
