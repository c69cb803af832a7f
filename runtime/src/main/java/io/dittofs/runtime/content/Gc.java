package io.dittofs.runtime.content;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One garbage collection pass over a share's chunk index (see {@link ContentStore#gc}). Pages
 * through the index; each deletion is its own small transaction, so it runs beside live traffic.
 * Progress lines go to a sink every {@value #REPORT_EVERY} records.
 */
final class Gc {
    private static final int PAGE = 1000;
    private static final int REPORT_EVERY = 10_000;

    private final MetadataStore meta;
    private final RemoteChunks remote;
    private final ChunkCache cache;
    private final Clock clock;

    Gc(MetadataStore meta, RemoteChunks remote, ChunkCache cache, Clock clock) {
        this.meta = meta;
        this.remote = remote;
        this.cache = cache;
        this.clock = clock;
    }

    ContentStore.GcResult run(Duration grace, Consumer<String> progress) {
        long scanned = 0;
        long deleted = 0;
        long bytes = 0;
        String after = "";
        while (true) {
            String from = after;
            List<ChunkRecord> page = meta.read(r -> r.chunks(from, PAGE));
            for (ChunkRecord c : page) {
                scanned++;
                if (collectable(c, grace) && deleteRecord(c, grace)) {
                    remote.deleteQuietly(c.objectKey());
                    cache.remove(c.chunkId());
                    deleted++;
                    bytes += c.length();
                }
                if (scanned % REPORT_EVERY == 0) {
                    progress.accept(scanned + " chunks checked, " + deleted + " deleted (" + bytes + " bytes)");
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().chunkId();
        }
        progress.accept(scanned + " chunks checked, " + deleted + " deleted (" + bytes + " bytes)");
        return new ContentStore.GcResult(scanned, deleted, bytes);
    }

    private boolean collectable(ChunkRecord c, Duration grace) {
        return c.refCount() == 0 && clock.millis() - c.unreferencedSince() >= grace.toMillis();
    }

    private boolean deleteRecord(ChunkRecord seen, Duration grace) {
        Boolean done = meta.write(Durability.SYNC, w -> {
            Optional<ChunkRecord> now = w.chunk(seen.chunkId());
            if (now.isEmpty() || !now.get().objectKey().equals(seen.objectKey()) || !collectable(now.get(), grace)) {
                return false;
            }
            return w.deleteChunk(seen.chunkId());
        });
        return done;
    }
}
