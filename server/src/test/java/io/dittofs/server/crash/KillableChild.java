package io.dittofs.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload's {@code main} in a child JVM on this test's class path, waits for it to print
 * READY, lets it work for a while and kills it with SIGKILL: the kill -9 loop shared by the
 * crash tests.
 */
public final class KillableChild {
    private KillableChild() {}

    /** Runs {@code main} with {@code args}, {@code millis} ms past READY, then SIGKILL. */
    public static void runAndKill(Path scratch, Class<?> main, List<String> args, int millis) throws Exception {
        // To files, not pipes: killing a Process closes its pipes.
        Path output = scratch.resolve("child.out");
        Path errors = scratch.resolve("child.err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readAllLines(output).contains("READY")) {
                assertThat(child.isAlive())
                        .as("the child is running: %s", Files.readString(errors))
                        .isTrue();
                assertThat(System.nanoTime()).as("the child started in time").isLessThan(deadline);
                Thread.sleep(10);
            }
            Thread.sleep(millis);
            assertThat(child.isAlive())
                    .as("the child is still working: %s", Files.readString(errors))
                    .isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
