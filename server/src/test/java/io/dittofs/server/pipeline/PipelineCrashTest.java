package io.dittofs.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fsck.Finding;
import io.dittofs.runtime.fsck.Fsck;
import io.dittofs.runtime.share.Shares;
import io.dittofs.server.crash.KillableChild;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.metadata.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 7, crash safety of the block pipeline: a child JVM ({@link PipelineCrashWorkload}) writes,
 * commits and removes files over RocksDB and a filesystem remote, rolling up and uploading all the
 * time; the test kills it with SIGKILL at a random moment, restarts the share (the log replays,
 * interrupted uploads are settled), checks that every committed file reads back byte for byte and
 * every acknowledged removal stuck, and that fsck then finds nothing at all: no missing chunk, no
 * leaked object, no wrong reference count.
 *
 * <p>{@code -Ddittofs.pipeline.crash.kills=N} runs a longer loop (default 20, about a minute);
 * {@code -Ddittofs.pipeline.crash.seed=S} replays one.
 */
class PipelineCrashTest {
    private static final Logger log = LoggerFactory.getLogger(PipelineCrashTest.class);
    private static final int KILLS = Integer.getInteger("dittofs.pipeline.crash.kills", 20);

    @TempDir
    Path scratch;

    @Test
    void everyCommittedByteSurvivesKillsDuringRollupAndSyncAndFsckFindsNothing() throws Exception {
        Path metaDir = scratch.resolve("meta");
        Path remoteDir = scratch.resolve("remote");
        Path local = scratch.resolve("local");
        long seed = Long.getLong("dittofs.pipeline.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, long[]> expected = new HashMap<>();
        long started = System.nanoTime();
        int acknowledged = 0;
        long checkedBytes = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path journal = scratch.resolve("journal-" + kill);
            runAndKill(
                    List.of(
                            metaDir.toString(),
                            remoteDir.toString(),
                            local.toString(),
                            journal.toString(),
                            Long.toString(random.nextLong()),
                            Integer.toString(kill)),
                    300 + random.nextInt(1200));
            Set<String> unsure = new HashSet<>();
            Map<String, long[]> created = new HashMap<>();
            acknowledged += apply(Files.readAllLines(journal), expected, created, unsure);
            try (MetadataStore meta = PipelineCrashWorkload.openMetadata(metaDir);
                    FilesystemBlockStore remote = new FilesystemBlockStore(remoteDir)) {
                try (PipelineShare share = new PipelineShare(meta, remote, PipelineCrashWorkload.settings(local))) {
                    // Settle interrupted removals first: a file whose removal began but was not
                    // acknowledged may be gone, and must not then be picked as an older file to check.
                    for (String name : unsure) {
                        try {
                            share.lookup(name);
                        } catch (FsException gone) {
                            expected.remove(name);
                        }
                    }
                    List<String> check = new ArrayList<>(created.keySet());
                    List<String> older = new ArrayList<>(expected.keySet());
                    older.removeAll(created.keySet());
                    for (int i = 0; i < 4 && !older.isEmpty(); i++) {
                        check.add(older.get(random.nextInt(older.size())));
                    }
                    for (String name : check) {
                        long[] c = expected.get(name);
                        NodeId file;
                        try {
                            file = share.lookup(name);
                        } catch (FsException missing) {
                            throw new AssertionError(
                                    "seed %d, kill %d: committed file %s is missing".formatted(seed, kill, name),
                                    missing);
                        }
                        assertThat(share.holds(file, c[0], c[1]))
                                .as("seed %d, kill %d: committed file %s reads back", seed, kill, name)
                                .isTrue();
                        checkedBytes += c[1];
                    }
                }
                List<Finding> findings = new ArrayList<>();
                new Fsck(meta, remote, Shares.contentPrefix(PipelineShare.NAME), Clock.systemUTC())
                        .check(findings::add);
                assertThat(findings)
                        .as("seed %d, kill %d: fsck after the restart", seed, kill)
                        .isEmpty();
            }
        }
        log.info(
                "pipeline crash: {} kills, {} acknowledged operations, {} files live, {} bytes checked, {} ms",
                KILLS,
                acknowledged,
                expected.size(),
                checkedBytes,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(acknowledged).as("the children got work done").isGreaterThan(KILLS);
    }

    /**
     * Applies one child's journal: acknowledged creates become expected files (also collected in
     * {@code created}), acknowledged removals drop them; a removal begun but not acknowledged
     * leaves its file {@code unsure}. Returns the acknowledged operations.
     */
    private static int apply(
            List<String> lines, Map<String, long[]> expected, Map<String, long[]> created, Set<String> unsure) {
        Map<String, String[]> begun = new HashMap<>();
        int acks = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("BEGIN") && f.length >= 4) {
                begun.put(f[1], f);
            } else if (f[0].equals("ACK") && begun.containsKey(f[1])) {
                String[] b = begun.remove(f[1]);
                acks++;
                if (b[2].equals("create")) {
                    long[] c = {Long.parseLong(b[4]), Long.parseLong(b[5])};
                    expected.put(b[3], c);
                    created.put(b[3], c);
                } else {
                    expected.remove(b[3]);
                    created.remove(b[3]);
                }
            }
        }
        for (String[] b : begun.values()) {
            if (b[2].equals("rm")) {
                unsure.add(b[3]);
                created.remove(b[3]);
            }
        }
        return acks;
    }

    private void runAndKill(List<String> args, int millis) throws Exception {
        KillableChild.runAndKill(scratch, PipelineCrashWorkload.class, args, millis);
    }
}
