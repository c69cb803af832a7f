package io.dittofs.server.pipeline;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbMetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child of {@link PipelineCrashTest}: writes files of up to 1 MiB (a third of them copies of
 * earlier ones, so rollups dedup) with UNSTABLE writes and a COMMIT, and removes some, until it is
 * killed. Rollups start as soon as the background pass sees a change, so a kill lands in a write,
 * a rollup, an upload or a metadata commit. Journal lines, each fsynced: {@code BEGIN <seq> create
 * <name> <seed> <length>} / {@code BEGIN <seq> rm <name>} before, {@code ACK <seq>} once the
 * commit or remove returned.
 *
 * <p>Arguments: RocksDB folder, remote folder, local tier folder, journal, seed, run number.
 */
public final class PipelineCrashWorkload {
    /** The share's settings in the child and in the parent's checks. */
    static ContentSettings settings(Path local) {
        return ContentSettings.DEFAULTS.withLocalDir(local).withRollup(Duration.ZERO, 1 << 20);
    }

    static MetadataStore openMetadata(Path dir) {
        return RocksDbMetadataStore.open(dir, RocksDbSettings.defaults());
    }

    public static void main(String[] args) throws Exception {
        MetadataStore meta = openMetadata(Path.of(args[0]));
        FilesystemBlockStore remote = new FilesystemBlockStore(Path.of(args[1]));
        PipelineShare share = new PipelineShare(meta, remote, settings(Path.of(args[2])));
        Random random = new Random(Long.parseLong(args[4]));
        String run = args[5];
        List<String> mine = new ArrayList<>();
        List<long[]> contents = new ArrayList<>();
        try (FileChannel journal = FileChannel.open(
                Path.of(args[3]), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            System.out.println("READY");
            System.out.flush();
            for (int seq = 0; ; seq++) {
                if (mine.isEmpty() || random.nextInt(100) < 80) {
                    String name = "f-" + run + "-" + seq;
                    long[] content = !contents.isEmpty() && random.nextInt(3) == 0
                            ? contents.get(random.nextInt(contents.size()))
                            : new long[] {random.nextLong(), 1 + random.nextInt(1 << 20)};
                    line(journal, "BEGIN " + seq + " create " + name + " " + content[0] + " " + content[1]);
                    NodeId f = share.create(name);
                    share.writeAndCommit(f, content[0], content[1]);
                    mine.add(name);
                    contents.add(content);
                } else {
                    String name = mine.remove(random.nextInt(mine.size()));
                    line(journal, "BEGIN " + seq + " rm " + name);
                    share.fs.remove(PipelineShare.ROOT, share.fs.root(), name);
                }
                line(journal, "ACK " + seq);
            }
        }
    }

    private static void line(FileChannel journal, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            journal.write(b);
        }
        journal.force(false);
    }
}
