package io.dittofs.runtime.content;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.PackRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One garbage collection pass over a share's chunk index (see {@link ContentStore#gc}). Pages
 * through the index; each deletion is its own small transaction, so it runs beside live traffic.
 * Progress lines go to a sink every {@value #REPORT_EVERY} records.
 *
 * <p>Three steps: (1) chunk records unreferenced past the grace period are deleted; a whole-object
 * chunk's object goes with its record, a packed chunk only counts one live chunk less in its
 * pack, in the same transaction. (2) Packs with no live chunk, empty past the grace period, are
 * deleted (record first, in a transaction that re-checks it is still empty, then the object).
 * (3) Packs whose live fraction is under {@link ContentSettings.Packing#repackBelow} are
 * rewritten by the {@link Repacker}: a second scan of the index finds their live chunks.
 */
final class Gc {
    private static final Logger log = LoggerFactory.getLogger(Gc.class);
    private static final int PAGE = 1000;
    private static final int REPORT_EVERY = 10_000;
    /** Packs rewritten per pass at most: bounds the pass's memory (their chunk records) and time. */
    static final int MAX_REPACKS = 64;

    /** Copies the live chunks of a pack into new objects and points their records there. */
    @FunctionalInterface
    interface Repacker {
        void repack(PackRecord pack, List<ChunkRecord> live);
    }

    private final MetadataStore meta;
    private final RemoteChunks remote;
    private final ChunkCache cache;
    private final Clock clock;
    private final double repackBelow;
    private final Repacker repacker;

    private long scanned;
    private long deleted;
    private long bytes;
    private long packsDeleted;
    private long packsRewritten;

    Gc(MetadataStore meta, RemoteChunks remote, ChunkCache cache, Clock clock, double repackBelow, Repacker repacker) {
        this.meta = meta;
        this.remote = remote;
        this.cache = cache;
        this.clock = clock;
        this.repackBelow = repackBelow;
        this.repacker = repacker;
    }

    ContentStore.GcResult run(Duration grace, Consumer<String> progress) {
        scanChunks(c -> {
            scanned++;
            if (collectable(c, grace) && deleteRecord(c, grace)) {
                if (!c.packed()) {
                    remote.deleteQuietly(c.objectKey());
                }
                cache.remove(c.chunkId());
                deleted++;
                bytes += c.length();
            }
            if (scanned % REPORT_EVERY == 0) {
                progress.accept(line());
            }
        });
        Map<String, PackRecord> sparse = scanPacks(grace);
        if (!sparse.isEmpty()) {
            Map<String, List<ChunkRecord>> live = new LinkedHashMap<>();
            sparse.keySet().forEach(k -> live.put(k, new ArrayList<>()));
            scanChunks(c -> {
                List<ChunkRecord> in = c.packed() ? live.get(c.objectKey()) : null;
                if (in != null) {
                    in.add(c);
                }
            });
            sparse.forEach((key, pack) -> {
                try {
                    repacker.repack(pack, live.get(key));
                    packsRewritten++;
                } catch (RuntimeException e) {
                    log.warn("cannot repack {} yet (left as it is): {}", key, e.toString());
                }
            });
        }
        progress.accept(line());
        return new ContentStore.GcResult(scanned, deleted, bytes, packsDeleted, packsRewritten);
    }

    private String line() {
        return scanned + " chunks checked, " + deleted + " deleted (" + bytes + " bytes), " + packsDeleted
                + " packs deleted, " + packsRewritten + " repacked";
    }

    private void scanChunks(Consumer<ChunkRecord> each) {
        String after = "";
        while (true) {
            String from = after;
            List<ChunkRecord> page = meta.read(r -> r.chunks(from, PAGE));
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().chunkId();
        }
    }

    /** Deletes empty packs past the grace period; returns the sparse ones to rewrite (at most {@link #MAX_REPACKS}). */
    private Map<String, PackRecord> scanPacks(Duration grace) {
        Map<String, PackRecord> sparse = new LinkedHashMap<>();
        String after = "";
        while (true) {
            String from = after;
            List<PackRecord> page = meta.read(r -> r.packs(from, PAGE));
            for (PackRecord p : page) {
                if (emptyPastGrace(p, grace)) {
                    if (deletePack(p, grace)) {
                        remote.deleteQuietly(p.packKey());
                        packsDeleted++;
                    }
                } else if (p.liveChunks() > 0 && p.liveFraction() < repackBelow && sparse.size() < MAX_REPACKS) {
                    sparse.put(p.packKey(), p);
                }
            }
            if (page.size() < PAGE) {
                return sparse;
            }
            after = page.getLast().packKey();
        }
    }

    private boolean collectable(ChunkRecord c, Duration grace) {
        return c.refCount() == 0 && clock.millis() - c.unreferencedSince() >= grace.toMillis();
    }

    private boolean emptyPastGrace(PackRecord p, Duration grace) {
        return p.liveChunks() == 0 && clock.millis() - p.emptySince() >= grace.toMillis();
    }

    /**
     * Deletes a chunk's record if it is still the one seen (same place) and still collectable;
     * a packed chunk counts one live chunk less in its pack, in the same transaction.
     */
    private boolean deleteRecord(ChunkRecord seen, Duration grace) {
        long now = clock.millis();
        Boolean done = meta.write(Durability.SYNC, w -> {
            Optional<ChunkRecord> cur = w.chunk(seen.chunkId());
            if (cur.isEmpty()
                    || !cur.get().objectKey().equals(seen.objectKey())
                    || cur.get().objectOffset() != seen.objectOffset()
                    || !collectable(cur.get(), grace)) {
                return false;
            }
            if (cur.get().packed()) {
                w.pack(seen.objectKey()).ifPresent(p -> w.putPack(p.withLive(-1, -seen.length(), now)));
            }
            return w.deleteChunk(seen.chunkId());
        });
        return done;
    }

    /**
     * Deletes a pack's record if it is still empty past the grace period. A rollup that would
     * point a new chunk record into it checks, in its commit, that the record is there: it either
     * committed first (the pack is not empty) or finds none and rolls up again.
     */
    private boolean deletePack(PackRecord seen, Duration grace) {
        Boolean done = meta.write(Durability.SYNC, w -> {
            Optional<PackRecord> cur = w.pack(seen.packKey());
            if (cur.isEmpty() || !emptyPastGrace(cur.get(), grace)) {
                return false;
            }
            return w.deletePack(seen.packKey());
        });
        return done;
    }
}
