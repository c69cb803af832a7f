package io.dittofs.runtime.fsck;

import io.dittofs.runtime.fsck.Finding.Kind;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.KeyPage;
import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.PackRecord;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The content part of one {@link Fsck} pass, over the block pipeline's layout: every live regular
 * file's extents (the content map) are counted per chunk; each chunk index record must have
 * exactly that reference count and its object must exist in the block store; every object under
 * the share's chunk prefix must be one the index names. Packs: each pack record's live counts
 * must match the chunk records pointing into it, and every object under the pack prefix must
 * have a pack record (or a chunk record pointing into it).
 *
 * <p>Memory: the reference counts of the chunks in use (one map entry per distinct chunk) and the
 * set of object keys under the share's chunk prefix, both about 100-150 bytes per chunk.
 *
 * <p>Threading: confined to the thread running the pass.
 */
final class ContentScan {
    private final MetadataStore meta;
    private final BlockStore blocks;
    private final String prefix;
    private final String chunkPrefix;
    private final String packPrefix;
    private final Fsck.Pass pass;
    private final Clock clock;

    ContentScan(MetadataStore meta, BlockStore blocks, String prefix, Fsck.Pass pass, Clock clock) {
        this.meta = meta;
        this.blocks = blocks;
        this.prefix = prefix + "/";
        this.chunkPrefix = prefix + "/c/";
        this.packPrefix = prefix + "/p/";
        this.pass = pass;
        this.clock = clock;
    }

    void run() {
        Map<String, Long> references = countReferences();
        Set<String> objects = listObjects();
        Set<String> named = new HashSet<>();
        Map<String, long[]> packLive = new HashMap<>(); // pack key -> {chunks, bytes} the index points at
        String after = "";
        while (true) {
            String from = after;
            List<ChunkRecord> page = meta.read(r -> r.chunks(from, Fsck.PAGE));
            for (ChunkRecord c : page) {
                named.add(c.objectKey());
                if (c.packed()) {
                    long[] live = packLive.computeIfAbsent(c.objectKey(), k -> new long[2]);
                    live[0]++;
                    live[1] += c.length();
                }
                long expected = references.getOrDefault(c.chunkId(), 0L);
                references.remove(c.chunkId());
                if (!objects.contains(c.objectKey())) {
                    pass.report(
                            Kind.MISSING_CHUNK,
                            0,
                            0,
                            "chunk " + c.chunkId() + ": object " + c.objectKey() + " is not in the block store ("
                                    + c.refCount() + " references)",
                            false);
                }
                if (c.refCount() != expected) {
                    boolean fixed = pass.repair && fixCount(c, expected);
                    pass.report(
                            Kind.REFERENCE_COUNT,
                            0,
                            0,
                            "chunk " + c.chunkId() + " counts " + c.refCount() + " references, the content map has "
                                    + expected + (fixed ? "; set" : ""),
                            fixed);
                }
            }
            if (page.size() < Fsck.PAGE) {
                break;
            }
            after = page.getLast().chunkId();
        }
        checkPacks(packLive, named);
        references.forEach((id, n) -> pass.report(
                Kind.MISSING_CHUNK, 0, 0, "chunk " + id + " (" + n + " references) is not in the chunk index", false));
        for (String key : objects) {
            if (!named.contains(key)) {
                boolean fixed = pass.repair && blocks.delete(key);
                pass.report(
                        Kind.LEAKED_CONTENT,
                        0,
                        0,
                        "object " + key + " is no indexed chunk's" + (fixed ? "; deleted" : ""),
                        fixed);
            }
        }
    }

    /** Chunk id -> how many extents of live regular files refer to it. */
    private Map<String, Long> countReferences() {
        Map<String, Long> refs = new HashMap<>();
        long after = 0;
        while (true) {
            long from = after;
            List<Inode> page = meta.read(r -> r.inodes(from, Fsck.PAGE));
            for (Inode i : page) {
                if (i.type() == FileType.REGULAR) {
                    countFile(i.fileId(), refs);
                }
            }
            if (page.size() < Fsck.PAGE) {
                return refs;
            }
            after = page.getLast().fileId();
        }
    }

    private void countFile(long fileId, Map<String, Long> refs) {
        long from = 0;
        while (true) {
            long f = from;
            List<ContentExtent> page = meta.read(r -> r.extents(fileId, f, Fsck.PAGE));
            page.forEach(e -> refs.merge(e.chunkId(), 1L, Long::sum));
            if (page.size() < Fsck.PAGE) {
                return;
            }
            from = page.getLast().end();
        }
    }

    /**
     * Each pack record's live counts against the chunk records pointing into it (which {@code
     * live} holds, and loses as they are checked); pack records' keys go into {@code named}.
     */
    private void checkPacks(Map<String, long[]> live, Set<String> named) {
        String after = "";
        while (true) {
            String from = after;
            List<PackRecord> page = meta.read(r -> r.packs(from, Fsck.PAGE));
            for (PackRecord p : page) {
                named.add(p.packKey());
                long[] counted = live.remove(p.packKey());
                long chunks = counted == null ? 0 : counted[0];
                long bytes = counted == null ? 0 : counted[1];
                if (p.liveChunks() != chunks || p.liveBytes() != bytes) {
                    boolean fixed = pass.repair && fixPack(p, (int) chunks, bytes);
                    pass.report(
                            Kind.PACK_ACCOUNTING,
                            0,
                            0,
                            "pack " + p.packKey() + " counts " + p.liveChunks() + " live chunks (" + p.liveBytes()
                                    + " bytes), the chunk index has " + chunks + " (" + bytes + ")"
                                    + (fixed ? "; set" : ""),
                            fixed);
                }
            }
            if (page.size() < Fsck.PAGE) {
                break;
            }
            after = page.getLast().packKey();
        }
        live.forEach((key, counted) -> {
            PackRecord made = new PackRecord(key, (int) counted[0], counted[1], (int) counted[0], counted[1], 0);
            boolean fixed = pass.repair && createPack(made);
            pass.report(
                    Kind.PACK_ACCOUNTING,
                    0,
                    0,
                    counted[0] + " chunk records point into pack " + key + ", which has no pack record"
                            + (fixed ? "; created" : ""),
                    fixed);
        });
    }

    private boolean fixPack(PackRecord seen, int chunks, long bytes) {
        long now = clock.millis();
        Boolean done = meta.write(Durability.SYNC, w -> {
            Optional<PackRecord> p = w.pack(seen.packKey());
            if (p.isEmpty() || !p.get().equals(seen)) {
                return false;
            }
            int total = Math.max(chunks, seen.chunks());
            long totalBytes = Math.max(bytes, seen.bytes());
            w.putPack(new PackRecord(seen.packKey(), total, totalBytes, chunks, bytes, chunks == 0 ? now : 0));
            return true;
        });
        return done;
    }

    private boolean createPack(PackRecord p) {
        Boolean done = meta.write(Durability.SYNC, w -> {
            if (w.pack(p.packKey()).isPresent()) {
                return false;
            }
            w.putPack(p);
            return true;
        });
        return done;
    }

    /** Every key under the share's prefix: chunk and pack objects into the result, anything else reported. */
    private Set<String> listObjects() {
        Set<String> keys = new HashSet<>();
        String startAfter = null;
        while (true) {
            KeyPage page = blocks.list(prefix, startAfter, Fsck.PAGE);
            for (String key : page.keys()) {
                pass.blocks++;
                if (key.startsWith(chunkPrefix) || key.startsWith(packPrefix)) {
                    keys.add(key);
                } else {
                    pass.report(Kind.STRAY_BLOCK, 0, 0, "key " + key + " is not a chunk object; left alone", false);
                }
                startAfter = key;
            }
            if (!page.truncated() || page.keys().isEmpty()) {
                return keys;
            }
        }
    }

    private boolean fixCount(ChunkRecord seen, long expected) {
        long now = clock.millis();
        Boolean done = meta.write(Durability.SYNC, w -> {
            Optional<ChunkRecord> c = w.chunk(seen.chunkId());
            if (c.isEmpty() || c.get().refCount() != seen.refCount()) {
                return false;
            }
            w.putChunk(c.get().withReferences(expected - seen.refCount(), now));
            return true;
        });
        return done;
    }
}
