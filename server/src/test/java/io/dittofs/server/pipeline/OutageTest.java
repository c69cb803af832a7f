package io.dittofs.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fsck.Fsck;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 7, outage: the remote (a filesystem block store) really goes away in the middle of a
 * write workload: its folder is moved aside, so every put and get fails. Writes and commits keep
 * being acknowledged from the local tier; once the folder is back, the syncer drains the log on
 * its own and every byte reads back from the remote (the cache is emptied first).
 */
class OutageTest {
    private static final Logger log = LoggerFactory.getLogger(OutageTest.class);
    private static final long FILE = 3L << 20;

    @TempDir
    Path scratch;

    @Test
    void writesKeepBeingAcknowledgedWhileTheRemoteIsDownAndEverythingSyncsAfter() throws Exception {
        Path remoteDir = scratch.resolve("remote");
        Path away = scratch.resolve("remote-away");
        Path local = scratch.resolve("local");
        MemoryMetadataStore meta = new MemoryMetadataStore();
        ContentSettings settings = ContentSettings.DEFAULTS
                .withLocalDir(local)
                .withRollup(Duration.ZERO, 1 << 20)
                .withUploadRetryFor(Duration.ofMillis(500));
        List<NodeId> files = new ArrayList<>();
        try (FilesystemBlockStore remote = new FilesystemBlockStore(remoteDir)) {
            try (PipelineShare share = new PipelineShare(meta, remote, settings)) {
                for (int i = 0; i < 4; i++) {
                    files.add(share.create("before-" + i));
                    share.writeAndCommit(files.getLast(), i, FILE);
                }
                takeDown(remoteDir, away);
                long worst = 0;
                for (int i = 4; i < 16; i++) {
                    long t0 = System.nanoTime();
                    files.add(share.create("during-" + i));
                    share.writeAndCommit(files.getLast(), i, FILE);
                    worst = Math.max(worst, System.nanoTime() - t0);
                    Thread.sleep(100);
                }
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (share.content().stats().failedRollups() == 0 && System.nanoTime() < waitUntil) {
                    Thread.sleep(100); // the syncer meets the outage
                }
                long failed = share.content().stats().failedRollups();
                int pending = share.content().pendingFiles();
                log.info(
                        "outage: 12 files of 3 MiB acknowledged while the remote was down (slowest write+commit {} ms);"
                                + " {} failed rollups, {} files waiting, {} bytes in the log",
                        TimeUnit.NANOSECONDS.toMillis(worst),
                        failed,
                        pending,
                        share.content().logBytes());
                assertThat(failed)
                        .as("rollups failed while the remote was down")
                        .isPositive();
                assertThat(pending).as("changes wait in the log").isPositive();
                for (int i = 0; i < files.size(); i++) {
                    assertThat(share.holds(files.get(i), i, FILE))
                            .as("file %d reads back during the outage", i)
                            .isTrue();
                }

                bringBack(remoteDir, away);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (share.content().pendingFiles() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(share.content().pendingFiles())
                        .as("the syncer drained the log")
                        .isZero();
                assertThat(share.content().logBytes()).isZero();
            }
            deleteTree(local.resolve("cache"));
            try (PipelineShare again = new PipelineShare(meta, remote, settings)) {
                for (int i = 0; i < files.size(); i++) {
                    assertThat(again.holds(files.get(i), i, FILE))
                            .as("file %d reads back from the remote", i)
                            .isTrue();
                }
            }
            List<Object> findings = new ArrayList<>();
            new Fsck(meta, remote, Shares.contentPrefix(PipelineShare.NAME), Clock.systemUTC()).check(findings::add);
            assertThat(findings).isEmpty();
        }
    }

    /**
     * Moves the remote's folder aside and puts a plain file in its place, so nothing can recreate
     * it: an upload caught in the middle would otherwise make the folders above its object again.
     */
    private static void takeDown(Path remoteDir, Path away) throws java.io.IOException {
        Files.move(remoteDir, away);
        try {
            Files.createFile(remoteDir);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // an upload in flight made the folders again just now: empty, and gone below
        }
    }

    private static void bringBack(Path remoteDir, Path away) throws java.io.IOException {
        if (Files.isDirectory(remoteDir)) {
            deleteTree(remoteDir); // only empty folders an interrupted upload made
        } else {
            Files.delete(remoteDir);
        }
        Files.move(away, remoteDir);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
