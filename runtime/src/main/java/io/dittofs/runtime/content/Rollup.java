package io.dittofs.runtime.content;

import io.dittofs.store.block.pipeline.chunk.ChunkerConfig;
import io.dittofs.store.block.pipeline.chunk.FastCdc;
import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.PackRecord;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rollup of one file: turns its logged changes into content-defined chunks, uploads the new
 * ones and commits the new content map with the chunk reference counts in one metadata
 * transaction.
 *
 * <p>Which bytes are re-chunked: from the start of the old chunk holding (or ending at) the
 * lowest changed offset, so boundaries stay where chunking the whole file would put them, until a
 * new boundary at or past the highest changed offset coincides with an old one (the chunks after
 * it are unchanged) or the data ends. After a logged truncation everything from there to the end
 * is re-chunked and old extents past it dropped. Chunks of zeros are not stored: they stay holes.
 *
 * <p>Order of effects: objects are uploaded by the {@link Packer} (their keys first recorded in
 * {@link UploadIntents}; small chunks packed with those of other rollups of the same group) before
 * the transaction that points at them commits, so a crash leaves at worst an unreferenced
 * object, which the intents settle. Memory: chunk data is held for one batch ({@link
 * #BATCH_BYTES}) at a time; only names and offsets of the whole region are kept.
 *
 * <p>Threading: one rollup at a time per share (the caller holds the share's rollup lock).
 */
final class Rollup {
    static final int WINDOW = 4 << 20;
    static final long BATCH_BYTES = 32L << 20;
    private static final int PAGE = 1024;

    /** What the pipeline's parts a rollup uses. */
    record Parts(
            MetadataStore meta,
            ChunkNamer namer,
            ChunkCache cache,
            ChunkerConfig chunking,
            Clock clock,
            ViewReader.Chunks chunks) {}

    /** How a rollup ended: the newest record it covered, or that the file is gone. */
    record Result(boolean fileGone, long seq, long bytes, long newBytes, int chunks, int newChunks) {}

    /** A chunk another rollup or GC took away between the dedup check and the commit: roll up again. */
    static final class ChunkVanished extends RuntimeException {
        ChunkVanished(String id) {
            super("chunk " + id + " left the index during the rollup; it will be rolled up again");
        }
    }

    private final Parts parts;
    private final Packer packer;
    private final ContentKey key;
    private final Overlay.Snapshot snap;
    private byte[] zeros;
    private final List<ContentExtent> added = new ArrayList<>();
    /** Chunks seen in the index during this rollup. */
    private final Set<String> known = new HashSet<>();

    private final List<ByteBuffer> batch = new ArrayList<>();
    private final List<Long> batchOffsets = new ArrayList<>();
    private long batchBytes;
    private long bytes;
    private long newBytes;
    private int newChunks;
    private long start;
    private long cut;

    /**
     * @param packer uploads the new chunks; shared by the rollups of one group, whose new small
     *     chunks go into common packs
     */
    Rollup(Parts parts, Packer packer, ContentKey key, Overlay.Snapshot snap) {
        this.parts = parts;
        this.packer = packer;
        this.key = key;
        this.snap = snap;
        this.zeros = new byte[parts.chunking().maxSize()];
    }

    /**
     * Chunks the changed region and hands the new chunks to the packer (large ones are uploaded
     * now, small ones may wait for their pack). False when the file is gone. The packer must be
     * flushed before {@link #commit}.
     */
    boolean prepare() {
        Optional<Inode> inode = parts.meta().read(r -> r.inode(key.fileId()));
        if (!live(inode)) {
            return false;
        }
        boolean truncated = snap.view().zeroFrom() != Long.MAX_VALUE;
        long lo = snap.lo();
        List<ContentExtent> old = oldExtentsFrom(lo);
        start = old.isEmpty() || old.getFirst().offset() > lo
                ? lo
                : old.getFirst().offset();
        long mapEnd = old.isEmpty() ? start : old.getLast().end();
        long hi = snap.hi();
        long limit = truncated ? hi : Math.max(hi, mapEnd);
        long stop = chunk(old, start, hi, limit, truncated);
        flushBatch();
        cut = truncated ? Long.MAX_VALUE : stop;
        zeros = null; // a group holds many prepared rollups: keep only their extents
        return true;
    }

    /** Commits the prepared content map (after the packer is flushed). */
    Result commit() {
        boolean committed = commit(start, cut);
        return new Result(!committed, snap.seq(), bytes, newBytes, added.size(), newChunks);
    }

    private boolean live(Optional<Inode> inode) {
        return inode.isPresent()
                && inode.get().generation() == key.generation()
                && inode.get().type() == FileType.REGULAR;
    }

    /** The old extents from the one holding or ending at {@code lo} on. */
    private List<ContentExtent> oldExtentsFrom(long lo) {
        List<ContentExtent> out = new ArrayList<>();
        long from = Math.max(0, lo - 1);
        while (true) {
            long f = from;
            List<ContentExtent> page = parts.meta().read(r -> r.extents(key.fileId(), f, PAGE));
            for (ContentExtent e : page) {
                if (out.isEmpty() && e.end() < lo) {
                    continue;
                }
                out.add(e);
            }
            if (page.size() < PAGE) {
                return out;
            }
            from = page.getLast().end();
        }
    }

    /** Chunks the current view from {@code start}; returns where it stopped. */
    private long chunk(List<ContentExtent> old, long start, long hi, long limit, boolean truncated) {
        ViewReader.Extents oldMap = ViewReader.of(old);
        FastCdc cdc = new FastCdc(parts.chunking());
        byte[] cur = new byte[parts.chunking().maxSize()];
        int curLen = 0;
        long curStart = start;
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(WINDOW, Math.max(1, limit - start)));
        long pos = start;
        while (pos < limit) {
            int n = (int) Math.min(window.capacity(), limit - pos);
            window.clear().limit(n);
            ViewReader.fill(snap.view(), oldMap, parts.chunks(), pos, window);
            window.position(0);
            while (window.hasRemaining()) {
                int before = window.position();
                boolean cut = cdc.findBoundary(window);
                int consumed = window.position() - before;
                window.get(before, cur, curLen, consumed);
                curLen += consumed;
                if (cut) {
                    emit(curStart, cur, curLen);
                    curStart += curLen;
                    curLen = 0;
                    if (!truncated && curStart >= hi && !inside(oldMap, curStart)) {
                        return curStart;
                    }
                }
            }
            pos += n;
        }
        if (curLen > 0) {
            emit(curStart, cur, curLen);
            curStart += curLen;
        }
        return curStart;
    }

    private static boolean inside(ViewReader.Extents map, long p) {
        List<ContentExtent> next = map.page(p, 1);
        return !next.isEmpty() && next.getFirst().offset() < p;
    }

    private void emit(long offset, byte[] data, int length) {
        bytes += length;
        if (Arrays.mismatch(data, 0, length, zeros, 0, length) < 0) {
            return; // all zeros: a hole
        }
        batch.add(ByteBuffer.wrap(Arrays.copyOf(data, length)));
        batchOffsets.add(offset);
        batchBytes += length;
        if (batchBytes >= BATCH_BYTES) {
            flushBatch();
        }
    }

    /** Names the batch's chunks, uploads those the index lacks, and notes the new extents. */
    private void flushBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<String> ids = parts.namer().names(batch);
        List<String> unknown = ids.stream()
                .filter(id -> !known.contains(id) && !packer.has(id))
                .distinct()
                .toList();
        Set<String> existing = parts.meta().read(r -> {
            Set<String> found = new HashSet<>();
            for (String id : unknown) {
                if (r.chunk(id).isPresent()) {
                    found.add(id);
                }
            }
            return found;
        });
        known.addAll(existing);
        Map<String, ByteBuffer> fresh = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String id = ids.get(i);
            ByteBuffer data = batch.get(i);
            if (!known.contains(id) && !packer.has(id) && !fresh.containsKey(id)) {
                fresh.put(id, data);
                newBytes += data.remaining();
                newChunks++;
            }
            added.add(new ContentExtent(key.fileId(), batchOffsets.get(i), data.remaining(), id));
        }
        packer.add(fresh);
        for (int i = 0; i < batch.size(); i++) {
            if (!packer.waiting(ids.get(i))) { // waiting ones enter the cache once their pack is up
                parts.cache().put(ids.get(i), batch.get(i));
            }
        }
        batch.clear();
        batchOffsets.clear();
        batchBytes = 0;
    }

    /** Replaces the old extents in [start, cut) by the new ones and moves the reference counts, atomically. */
    private boolean commit(long start, long cut) {
        long now = parts.clock().millis();
        Boolean committed = parts.meta().write(Durability.SYNC, w -> {
            if (!live(w.inode(key.fileId()))) {
                return false;
            }
            Map<String, Long> delta = new HashMap<>();
            for (ContentExtent e : added) {
                delta.merge(e.chunkId(), 1L, Long::sum);
            }
            for (String id : delta.keySet()) {
                if (packer.placed(id) == null && w.chunk(id).isEmpty()) {
                    throw new ChunkVanished(id);
                }
            }
            removeOld(w, start, cut, delta);
            for (ContentExtent e : added) {
                w.putExtent(e);
            }
            delta.forEach((id, d) -> {
                Optional<ChunkRecord> c = w.chunk(id);
                if (c.isPresent()) {
                    if (d != 0) {
                        w.putChunk(c.get().withReferences(d, now));
                    }
                } else {
                    ChunkRecord fresh = packer.placed(id);
                    if (fresh.packed()) {
                        // The pack may have been collected meanwhile (empty past the grace period): roll up again.
                        PackRecord pack = w.pack(fresh.objectKey()).orElseThrow(() -> new ChunkVanished(id));
                        w.putPack(pack.withLive(1, fresh.length(), now));
                    }
                    w.putChunk(fresh.withReferences(d, now));
                }
            });
            return true;
        });
        return committed;
    }

    private void removeOld(MetadataWriter w, long start, long cut, Map<String, Long> delta) {
        while (true) {
            List<ContentExtent> page = w.extents(key.fileId(), start, PAGE);
            int removed = 0;
            for (ContentExtent e : page) {
                if (e.offset() < start) {
                    continue; // ends after start but begins before: never happens, the region starts on a boundary
                }
                if (e.offset() >= cut) {
                    return;
                }
                w.deleteExtent(e.fileId(), e.offset());
                delta.merge(e.chunkId(), -1L, Long::sum);
                removed++;
            }
            if (page.size() < PAGE || removed == 0) {
                return;
            }
        }
    }
}
