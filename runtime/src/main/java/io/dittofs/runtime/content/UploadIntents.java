package io.dittofs.runtime.content;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of objects uploaded but perhaps not yet referenced by the chunk index, written (and
 * fsynced) before the upload starts. An upload always precedes the metadata commit that points at
 * it, so a crash, a failed commit or a lost race can leave an object nothing refers to; {@link
 * #settle} deletes those, after every rollup and when the share opens, so they never pile up as
 * leaked chunks.
 *
 * <p>Threading: used by one rollup at a time (the share's rollup lock).
 */
final class UploadIntents implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    UploadIntents(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Records, durably, that these objects are about to be uploaded. */
    void record(List<String> objectKeys) {
        if (objectKeys.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        objectKeys.forEach(k -> sb.append(k).append('\n'));
        try {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Deletes every recorded object the chunk index does not point at (a pack: that has no pack
     * record), then forgets them all.
     * When the remote cannot be reached the record stays for the next time.
     */
    void settle(MetadataStore meta, RemoteChunks remote) {
        List<String> keys = recorded();
        if (keys.isEmpty()) {
            return;
        }
        List<String> orphans = meta.read(r -> {
            List<String> out = new ArrayList<>();
            for (String key : keys) {
                if (key.startsWith(remote.packPrefix())) {
                    if (r.pack(key).isEmpty()) {
                        out.add(key); // the pack record commits right after the upload, before any chunk joins
                    }
                    continue;
                }
                String id = RemoteChunks.chunkIdOf(key);
                Optional<ChunkRecord> c = id == null ? Optional.empty() : r.chunk(id);
                if (c.isEmpty() || !c.get().objectKey().equals(key)) {
                    out.add(key);
                }
            }
            return out;
        });
        for (String key : orphans) {
            if (io.dittofs.store.block.BlockKey.isValid(key)) {
                remote.store().delete(key); // throws when the remote is down: the record stays
            }
        }
        try {
            channel.truncate(0);
            channel.position(0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + file, e);
        }
    }

    private List<String> recorded() {
        try {
            if (channel.size() == 0) {
                return List.of();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
