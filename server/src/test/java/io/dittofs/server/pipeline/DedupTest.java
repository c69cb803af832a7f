package io.dittofs.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.fsck.Fsck;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.block.pipeline.chunk.ChunkerConfig;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 7, dedup: the same 100 MiB written under three names, and a copy with one byte changed in
 * the middle, leave about 100 MiB plus a few chunks in a filesystem remote. Prints the measured
 * figures: pipeline write throughput to the remote and the real average chunk size.
 */
class DedupTest {
    private static final Logger log = LoggerFactory.getLogger(DedupTest.class);
    private static final long SIZE = 100L << 20;

    @TempDir
    Path scratch;

    @Test
    void threeCopiesAndAOneByteEditStoreOneCopyPlusAFewChunks() {
        Path remoteDir = scratch.resolve("remote");
        MemoryMetadataStore meta = new MemoryMetadataStore();
        ContentSettings settings = ContentSettings.DEFAULTS
                .withLocalDir(scratch.resolve("local"))
                .withRollup(Duration.ofHours(1), Long.MAX_VALUE);
        try (FilesystemBlockStore remote = new FilesystemBlockStore(remoteDir);
                PipelineShare share = new PipelineShare(meta, remote, settings)) {
            long started = System.nanoTime();
            NodeId first = share.create("a");
            share.writeAndCommit(first, 42, SIZE);
            long written = System.nanoTime();
            share.content().drain();
            long synced = System.nanoTime();
            long afterOne = PipelineShare.bytesUnder(remoteDir);
            List<ContentExtent> extents = meta.read(r -> r.extents(first.fileId(), 0, 100_000));
            for (String name : List.of("b", "c")) {
                share.writeAndCommit(share.create(name), 42, SIZE);
            }
            NodeId edited = share.create("d");
            share.writeAndCommit(edited, 42, SIZE);
            long middle = SIZE / 2 + 12_345;
            ByteBuffer one =
                    share.fs.read(PipelineShare.ROOT, edited, middle, 1).data();
            byte flipped = (byte) (one.get(0) ^ 0x5A);
            share.fs.write(
                    PipelineShare.ROOT, edited, middle, ByteBuffer.wrap(new byte[] {flipped}), Stability.FILE_SYNC);
            share.content().drain();
            long stored = PipelineShare.bytesUnder(remoteDir);

            double seconds = (synced - started) / 1e9;
            double average = (double) SIZE / extents.size();
            log.info(
                    "dedup: 100 MiB written (log) in {} ms, rolled up and synced to the filesystem remote in {} ms:"
                            + " {} MiB/s end to end; {} chunks, average {} bytes (configured {});"
                            + " remote after 1 copy {} bytes, after 3 copies + 1 edit {} bytes (+{} bytes)",
                    (written - started) / 1_000_000,
                    (synced - written) / 1_000_000,
                    String.format("%.1f", SIZE / 1048576.0 / seconds),
                    extents.size(),
                    Math.round(average),
                    ChunkerConfig.DEFAULT.avgSize(),
                    afterOne,
                    stored,
                    stored - afterOne);

            assertThat(afterOne).as("one copy").isEqualTo(SIZE);
            assertThat(stored - afterOne)
                    .as("two more copies and the one-byte edit add only the chunks around the edit")
                    .isPositive()
                    .isLessThanOrEqualTo(3L * ChunkerConfig.DEFAULT.maxSize());
            assertThat(average)
                    .as("the measured average chunk size is about the configured one")
                    .isBetween(ChunkerConfig.DEFAULT.avgSize() * 0.85, ChunkerConfig.DEFAULT.avgSize() * 1.15);
            assertThat(share.holds(share.lookup("c"), 42, SIZE)).isTrue();
            ByteBuffer back =
                    share.fs.read(PipelineShare.ROOT, edited, middle, 1).data();
            assertThat(back.get(0)).isEqualTo(flipped);
            List<Object> findings = new ArrayList<>();
            new Fsck(meta, remote, Shares.contentPrefix(PipelineShare.NAME), Clock.systemUTC()).check(findings::add);
            assertThat(findings).isEmpty();
        }
    }
}
