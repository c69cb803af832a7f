package io.dittofs.store.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process writing to the store with SIGKILL at random moments, reopens, and checks that
 * the indexes agree and that every acknowledged SYNC write survived. A process kill keeps the OS
 * page cache, so this proves atomicity and recovery, not fsync; power loss cannot be simulated
 * here.
 */
class RocksDbCrashTest {

    private static final int KILLS = 8;

    @TempDir
    Path scratch;

    /** What one thread's two directories hold: name → true when in directory A, false when in B. */
    private final Map<Integer, Map<String, Boolean>> state = new HashMap<>();

    @Test
    void killedWritersLeaveConsistentIndexesAndKeepAcknowledgedWrites() throws Exception {
        Path dir = scratch.resolve("metadata");
        Random random = new Random(42);
        for (int t = 0; t < CrashWorkload.THREADS; t++) {
            state.put(t, new HashMap<>());
        }
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> log = runAndKill(dir, random.nextLong(), 100 + random.nextInt(500));
            RawAudit.Result audit = RawAudit.audit(dir);
            assertThat(audit.problems()).as("after kill %d", kill).isEmpty();
            for (int t = 0; t < CrashWorkload.THREADS; t++) {
                checkThread(t, log, audit, kill);
            }
        }
    }

    private List<String> runAndKill(Path dir, long seed, int millis) throws Exception {
        // To a file, not a pipe: killing a Process closes its pipes, and unread lines would be lost.
        Path output = scratch.resolve("child.log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWorkload.class.getName(),
                        dir.toString(),
                        Long.toString(seed))
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(output).startsWith("READY")) {
                assertThat(child.isAlive()).as("the child is running").isTrue();
                assertThat(System.nanoTime()).as("the child started in time").isLessThan(deadline);
                Thread.sleep(10);
            }
            Thread.sleep(millis);
            // Under load the child may have done little in that time: let it reach some work.
            while (Files.readAllLines(output).size() <= 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        List<String> log = Files.readAllLines(output);
        assertThat(log).as("the child did some work").hasSizeGreaterThan(10);
        return log;
    }

    /**
     * The thread's directories must hold the state after some prefix of its operations: at least
     * up to its last acknowledged SYNC write, at most up to the one it had begun.
     */
    private void checkThread(int t, List<String> log, RawAudit.Result audit, int kill) {
        List<String[]> ops = new ArrayList<>();
        int durable = 0;
        for (String line : log) {
            String[] f = line.split(" ");
            if (f.length != 4 || Integer.parseInt(f[1]) != t) {
                continue; // a line cut by the kill, or another thread's
            }
            if (f[0].equals("BEGIN")) {
                ops.add(f);
            } else if (f[0].equals("ACK")) {
                durable = ops.size();
            }
        }
        Map<String, Boolean> actual = new HashMap<>();
        for (RawAudit.Entry e : audit.entries()) {
            if (e.dirId() == CrashWorkload.dirA(t) || e.dirId() == CrashWorkload.dirB(t)) {
                actual.put(e.name(), e.dirId() == CrashWorkload.dirA(t));
                assertThat(audit.inodes()).as("the inode of %s", e.name()).contains(e.childId());
            }
        }
        Map<String, Boolean> model = new HashMap<>(state.get(t));
        List<Map<String, Boolean>> candidates = new ArrayList<>();
        for (int i = 0; i <= ops.size(); i++) {
            if (i >= durable) {
                candidates.add(new HashMap<>(model));
            }
            if (i < ops.size()) {
                apply(model, ops.get(i)[2], ops.get(i)[3]);
            }
        }
        assertThat(candidates)
                .as("thread %d after kill %d: %d ops, %d acknowledged", t, kill, ops.size(), durable)
                .contains(actual);
        state.put(t, actual);
    }

    private static void apply(Map<String, Boolean> model, String op, String name) {
        Boolean inA = model.get(name);
        switch (op) {
            case "create" -> model.putIfAbsent(name, true);
            case "move" -> {
                if (inA != null) {
                    model.put(name, !inA);
                }
            }
            case "remove" -> model.remove(name);
            default -> throw new IllegalArgumentException(op);
        }
    }
}
