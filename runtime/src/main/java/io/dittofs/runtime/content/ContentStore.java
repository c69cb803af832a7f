package io.dittofs.runtime.content;

import io.dittofs.runtime.content.log.Appended;
import io.dittofs.runtime.content.log.FileRef;
import io.dittofs.runtime.content.log.LogRecord;
import io.dittofs.runtime.content.log.Segment;
import io.dittofs.runtime.content.log.WriteLog;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.PackRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content layer of one share: the block pipeline.
 *
 * <ul>
 *   <li><b>Write</b>: a write is appended to the share's write log on the local tier (one of
 *       {@link ContentSettings#lanes} logs, picked by file id) and recorded in the file's {@link
 *       Overlay}; it returns at once. {@link #flush} (COMMIT, FILE_SYNC, SMB FLUSH) fsyncs the log
 *       up to the file's last record, concurrent flushes sharing one fsync; with {@link
 *       ContentSettings.Durability#REMOTE} it also rolls the file up, so it returns once the
 *       remote holds the data.
 *   <li><b>Rollup and sync</b>: a background task takes files whose changes are old or large
 *       enough and runs a {@link Rollup}: FastCDC chunks named by keyed BLAKE3, deduplicated
 *       against the chunk index, new ones uploaded ({@link Packer}: small ones of all the files
 *       rolled up together gathered into pack objects; {@link RemoteChunks}: bounded concurrency,
 *       retries with backoff), then each file's content map and reference counts committed in
 *       one metadata transaction, and the log trimmed. When the remote is slow or down the rollup
 *       fails and is retried later with backoff; writes and reads carry on from the log, which
 *       keeps growing. After a restart the log replays and the rollups resume.
 *   <li><b>Read</b>: the overlay's pieces from the log, the rest from the content map's chunks:
 *       from the {@link ChunkCache}, else fetched from the remote (a packed chunk: one ranged read of its own bytes) and verified against their
 *       keyed BLAKE3 name (a mismatch is an I/O error and a log line, never wrong data).
 *   <li><b>GC</b>: {@link #gc} deletes chunks nothing has referred to for {@link
 *       ContentSettings#gcGrace}, each after a transaction that re-checks the count; packs once
 *       no chunk record points into them, and rewrites packs that are mostly dead.
 * </ul>
 *
 * <p>Threading: no share-wide lock on the write path: a per-file lock orders a file's log
 * appends with its overlay, and each log lane has a short append lock. Rollups of one share run
 * one at a time (they share the upload intents), each on many cores for hashing and uploads.
 */
public final class ContentStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContentStore.class);
    /** The preferred I/O size the file system advertises. */
    private static final int IO_SIZE = 1 << 20;

    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Files rolled up together at most: their new small chunks share packs. */
    private static final int GROUP_FILES = 1024;

    private final MetadataStore meta;
    private final ContentSettings settings;
    private final Clock clock;
    private final Path localDir;
    private final boolean temporaryLocalDir;
    private final ChunkNamer namer;
    private final ChunkCache cache;
    private final RemoteChunks remote;
    private final UploadIntents intents;
    private final WriteLog[] lanes;
    private final Map<ContentKey, Overlay> overlays = new ConcurrentHashMap<>();
    private final Map<ContentKey, long[]> backoff = new ConcurrentHashMap<>();
    private final ReentrantLock rollupLock = new ReentrantLock();
    private final ScheduledExecutorService background;
    private final Rollup.Parts parts;
    private final PipelineStats stats = new PipelineStats();
    private volatile long nextGcNanos;
    /** Set by the background pass when the write log is past its limit: writes wait for the syncer. */
    private volatile boolean logFull;

    /**
     * @param prefix the first key segment of this share's objects, so shares can share a remote
     */
    public ContentStore(
            MetadataStore meta, BlockStore remoteStore, String prefix, ContentSettings settings, Clock clock) {
        this.meta = meta;
        this.settings = settings;
        this.clock = clock;
        try {
            this.temporaryLocalDir = settings.localDir() == null;
            this.localDir = temporaryLocalDir
                    ? Files.createTempDirectory("dittofs-local-")
                    : Files.createDirectories(settings.localDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local tier folder", e);
        }
        this.namer = new ChunkNamer(localDir);
        this.cache = new ChunkCache(
                localDir.resolve("cache"), settings.cacheBytes(), settings.memoryCacheBytes(), stats.cacheEvictions);
        this.remote =
                new RemoteChunks(remoteStore, prefix, settings.uploadConcurrency(), settings.uploadRetryFor(), stats);
        this.intents = new UploadIntents(localDir.resolve("uploads.intent"));
        this.parts = new Rollup.Parts(meta, namer, cache, settings.chunking(), clock, this::chunk);
        settleIntents();
        Map<FileRef, Optional<Inode>> inodes = new HashMap<>();
        this.lanes = new WriteLog[settings.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = WriteLog.open(
                    localDir.resolve("log").resolve(Integer.toString(i)),
                    settings.segmentBytes(),
                    (r, s, pos) -> replayed(inodes, r, s, pos));
        }
        inodes.forEach((ref, inode) -> {
            if (!live(inode, ref.generation())) {
                laneOf(ref.fileId()).release(ref, Long.MAX_VALUE);
            }
        });
        if (!overlays.isEmpty()) {
            log.info("{}: the write log holds changes of {} files; they are rolled up again", prefix, overlays.size());
        }
        this.nextGcNanos = System.nanoTime() + settings.gcEvery().toNanos();
        this.background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("content-rollup-" + prefix).factory());
        background.scheduleWithFixedDelay(this::backgroundPass, 200, 200, TimeUnit.MILLISECONDS);
    }

    private static boolean live(Optional<Inode> inode, int generation) {
        return inode.isPresent()
                && inode.get().generation() == generation
                && inode.get().type() == FileType.REGULAR;
    }

    /** A replayed record: back into its file's overlay, clipped to the file's recorded size. */
    private void replayed(Map<FileRef, Optional<Inode>> inodes, LogRecord r, Segment s, long position) {
        FileRef ref = new FileRef(r.fileId(), r.generation());
        Optional<Inode> inode = inodes.computeIfAbsent(ref, k -> meta.read(m -> m.inode(k.fileId())));
        if (!live(inode, r.generation())) {
            return;
        }
        ContentKey key = new ContentKey(r.fileId(), r.generation());
        Overlay ov = overlays.computeIfAbsent(key, k -> new Overlay());
        if (r.type() == LogRecord.TRUNCATE) {
            ov.truncate(r.offset(), r.seq(), 0);
            return;
        }
        // Bytes past the recorded size were never acknowledged as stable (a FILE_SYNC or COMMIT
        // records the size before it replies), and must not appear if the file grows later.
        long length = Math.min(r.length(), inode.get().size() - r.offset());
        if (length > 0) {
            ov.write(r.offset(), length, s, position, r.seq(), 0);
        }
    }

    private void settleIntents() {
        try {
            intents.settle(meta, remote);
        } catch (RuntimeException e) {
            log.warn("cannot clean up after interrupted uploads yet (will retry): {}", e.toString());
        }
    }

    private WriteLog laneOf(long fileId) {
        long mixed = fileId * 0x9E3779B97F4A7C15L;
        return lanes[(int) Long.remainderUnsigned(mixed >>> 17, lanes.length)];
    }

    // ---- the file system's calls ---------------------------------------------------------------

    /** The preferred I/O size. */
    public int blockSize() {
        return IO_SIZE;
    }

    /** Bytes of storage a file of {@code size} bytes is reported to occupy. */
    public long usedBytes(long size) {
        return (size + 4095) / 4096 * 4096;
    }

    /** Space of the remote block store. */
    public Capacity capacity() {
        return remote.store().capacity();
    }

    public PipelineStats stats() {
        return stats;
    }

    /** Bytes the write log holds on the local tier (not yet rolled up, or not yet trimmed). */
    public long logBytes() {
        long n = 0;
        for (WriteLog l : lanes) {
            n += l.bytes();
        }
        return n;
    }

    /** Files with changes not yet rolled up. */
    public int pendingFiles() {
        return overlays.size();
    }

    /** fsyncs of the write logs so far. */
    public long logSyncs() {
        long n = 0;
        for (WriteLog l : lanes) {
            n += l.syncs();
        }
        return n;
    }

    /** Bytes in the local chunk cache. */
    public long cacheBytes() {
        return cache.diskBytes();
    }

    /** Empties the chunk cache (everything in it is in the remote): the next reads fetch and verify. */
    public void evictCache() {
        cache.clear();
    }

    /**
     * Reads {@code min(count, fileSize - offset)} bytes at {@code offset}; an empty buffer at or
     * past the end. The buffer may be read-only (a cached chunk's own).
     */
    public ByteBuffer read(ContentKey key, long fileSize, long offset, int count) {
        int n = (int) Math.max(0, Math.min(count, fileSize - offset));
        if (n == 0) {
            return ByteBuffer.allocate(0);
        }
        Overlay ov = overlays.get(key);
        Overlay.View view = ov == null ? Overlay.View.EMPTY : ov.view(offset, offset + n);
        try {
            if (view.pieces().isEmpty() && offset + n <= view.zeroFrom()) {
                ByteBuffer whole = readWithinOneChunk(key, offset, n);
                if (whole != null) {
                    return whole;
                }
            }
            ByteBuffer out = ByteBuffer.allocate(n);
            ViewReader.fill(
                    view,
                    (from, limit) -> meta.read(r -> r.extents(key.fileId(), from, limit)),
                    this::chunk,
                    offset,
                    out);
            return out.flip();
        } catch (BlockStoreException e) {
            throw StoreErrors.map(e, "read file " + key.fileId());
        } catch (UncheckedIOException e) {
            throw new FsException(ErrorCode.IO_ERROR, "local tier read failed: " + e.getMessage(), e);
        }
    }

    /** The common read: inside one chunk, no logged change over it: a slice of the chunk, no copy. */
    private @Nullable ByteBuffer readWithinOneChunk(ContentKey key, long offset, int n) {
        List<ContentExtent> e = meta.read(r -> r.extents(key.fileId(), offset, 1));
        if (e.isEmpty() || e.getFirst().offset() > offset || e.getFirst().end() < offset + n) {
            return null;
        }
        ContentExtent x = e.getFirst();
        ByteBuffer whole = chunk(x);
        int from = whole.position() + (int) (offset - x.offset());
        return whole.slice(from, n).asReadOnlyBuffer();
    }

    /** The verified bytes of an extent's chunk: cache first, then the remote. */
    private ByteBuffer chunk(ContentExtent e) {
        String id = e.chunkId();
        ChunkCache.Hit hit = cache.get(id);
        if (hit != null) {
            if (!hit.fromDisk()) {
                stats.cacheHits.incrementAndGet();
                return hit.data();
            }
            if (namer.name(hit.data()).equals(id)) {
                stats.cacheHits.incrementAndGet();
                cache.remember(id, hit.data());
                return hit.data();
            }
            log.warn("chunk cache: {} is damaged; fetching it from the remote again", id);
            cache.remove(id);
        }
        stats.cacheMisses.incrementAndGet();
        ChunkRecord rec =
                meta.read(r -> r.chunk(id)).orElseThrow(() -> corrupt(e, "the chunk index has no chunk " + id));
        ByteBuffer data =
                remote.read(rec).orElseThrow(() -> corrupt(e, "remote object " + rec.objectKey() + " is missing"));
        stats.fetchedBytes.addAndGet(data.remaining());
        if (data.remaining() != e.length() || !namer.name(data).equals(id)) {
            throw corrupt(e, "remote object " + rec.objectKey() + " does not match its hash");
        }
        cache.put(id, data);
        cache.remember(id, data);
        return data;
    }

    private static FsException corrupt(ContentExtent e, String what) {
        log.error("content of file {} at {}: {}", e.fileId(), e.offset(), what);
        return new FsException(ErrorCode.IO_ERROR, "content of file " + e.fileId() + " at " + e.offset() + ": " + what);
    }

    /** Writes {@code data} (position to limit, not consumed) at {@code offset}: logged, acknowledged at once. */
    public void write(ContentKey key, long offset, ByteBuffer data) {
        int len = data.remaining();
        if (len == 0) {
            return;
        }
        if (logFull) {
            throw new FsException(
                    ErrorCode.TRY_LATER,
                    "the local write log is past " + settings.maxLogBytes()
                            + " bytes; waiting for the remote to catch up");
        }
        FileRef ref = new FileRef(key.fileId(), key.generation());
        WriteLog lane = laneOf(key.fileId());
        try {
            withOverlay(key, ov -> {
                Appended a = lane.write(ref, offset, data);
                ov.write(offset, len, a.segment(), a.dataPosition(), a.seq(), a.ticket());
            });
        } catch (UncheckedIOException e) {
            throw localTierFailure("write", e);
        }
    }

    /** A failure of the local tier's disk: out of space, or an I/O error. */
    private static FsException localTierFailure(String what, UncheckedIOException e) {
        String m = String.valueOf(
                e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        ErrorCode code = m.contains("No space left") ? ErrorCode.NO_SPACE : ErrorCode.IO_ERROR;
        log.error("local tier: {} failed: {}", what, e.toString());
        return new FsException(code, "local tier " + what + " failed: " + m, e);
    }

    /** Makes every write to the file durable: on local disk, and with REMOTE durability in the remote too. */
    public void flush(ContentKey key) {
        Overlay ov = overlays.get(key);
        if (ov == null) {
            return;
        }
        try {
            laneOf(key.fileId()).sync(ov.lastTicket());
        } catch (UncheckedIOException e) {
            throw localTierFailure("fsync", e);
        }
        if (settings.durability() == ContentSettings.Durability.REMOTE) {
            try {
                rollup(key);
            } catch (BlockStoreException e) {
                throw StoreErrors.map(e, "sync file " + key.fileId() + " to the remote");
            } catch (RuntimeException e) {
                throw new FsException(ErrorCode.TRY_LATER, "sync to the remote failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Changes the content's length from {@code oldSize} to {@code newSize}. A shrink is logged and
     * made durable before it returns (so the new size is never recorded over stale bytes), and
     * bytes past it read as zeros from then on, also when the file grows again.
     */
    public void truncate(ContentKey key, long oldSize, long newSize) {
        if (newSize >= oldSize) {
            return; // growing leaves a hole, which reads as zeros
        }
        FileRef ref = new FileRef(key.fileId(), key.generation());
        WriteLog lane = laneOf(key.fileId());
        long[] ticket = new long[1];
        try {
            withOverlay(key, ov -> {
                Appended a = lane.truncate(ref, newSize);
                ov.truncate(newSize, a.seq(), a.ticket());
                ticket[0] = a.ticket();
            });
            lane.sync(ticket[0]);
        } catch (UncheckedIOException e) {
            throw localTierFailure("truncate", e);
        }
    }

    /**
     * Inside the transaction that deletes a file's inode: drops its content map and the
     * references it holds, so the two are gone together.
     */
    public void releaseIn(MetadataWriter w, long fileId) {
        long now = clock.millis();
        Map<String, Long> delta = new HashMap<>();
        while (true) {
            List<ContentExtent> page = w.extents(fileId, 0, 1024);
            for (ContentExtent e : page) {
                w.deleteExtent(fileId, e.offset());
                delta.merge(e.chunkId(), -1L, Long::sum);
            }
            if (page.size() < 1024) {
                break;
            }
        }
        delta.forEach(
                (id, d) -> w.chunk(id).ifPresent(c -> w.putChunk(c.withReferences(Math.max(d, -c.refCount()), now))));
    }

    /** After the file's inode is deleted: forgets its logged changes. */
    public void delete(ContentKey key, long size) {
        Overlay ov = overlays.remove(key);
        if (ov != null) {
            ov.lock.lock();
            try {
                ov.removed = true;
            } finally {
                ov.lock.unlock();
            }
        }
        backoff.remove(key);
        laneOf(key.fileId()).release(new FileRef(key.fileId(), key.generation()), Long.MAX_VALUE);
    }

    private interface OverlayWork {
        void run(Overlay ov);
    }

    private void withOverlay(ContentKey key, OverlayWork work) {
        while (true) {
            Overlay ov = overlays.computeIfAbsent(key, k -> new Overlay());
            ov.lock.lock();
            try {
                if (ov.removed) {
                    continue;
                }
                work.run(ov);
                return;
            } finally {
                ov.lock.unlock();
            }
        }
    }

    // ---- rollup ---------------------------------------------------------------------------------

    /** Rolls one file's logged changes up into the content map now. */
    public void rollup(ContentKey key) {
        RuntimeException failure = rollupGroup(List.of(key)).get(key);
        if (failure != null) {
            throw failure;
        }
    }

    /** Rolls every file with logged changes up now; throws the first failure after trying them all. */
    public void drain() {
        Map<ContentKey, RuntimeException> failed = rollupGroup(List.copyOf(overlays.keySet()));
        if (!failed.isEmpty()) {
            throw failed.values().iterator().next();
        }
    }

    /** A rollup prepared in a group, waiting for the group's packs before it commits. */
    private record Prepared(ContentKey key, Overlay overlay, Rollup rollup) {}

    /**
     * Rolls these files up together, so their new small chunks share packs: each is chunked and
     * its new chunks handed to one {@link Packer}; every {@value #GROUP_FILES} files (and at the
     * end) the packer uploads what waits and the prepared rollups commit, each in its own
     * transaction. Returns the files whose rollup failed, with why.
     */
    private Map<ContentKey, RuntimeException> rollupGroup(List<ContentKey> keys) {
        Map<ContentKey, RuntimeException> failed = new LinkedHashMap<>();
        rollupLock.lock();
        try {
            Packer packer = newPacker();
            List<Prepared> prepared = new ArrayList<>();
            for (ContentKey key : keys) {
                Overlay ov = overlays.get(key);
                if (ov == null || ov.isEmpty()) {
                    continue;
                }
                Rollup r = new Rollup(parts, packer, key, ov.snapshot());
                try {
                    if (r.prepare()) {
                        prepared.add(new Prepared(key, ov, r));
                    } else {
                        finished(key, ov, new Rollup.Result(true, 0, 0, 0, 0, 0));
                    }
                } catch (RuntimeException e) {
                    stats.failedRollups.incrementAndGet();
                    failed.put(key, e);
                }
                if (prepared.size() >= GROUP_FILES) {
                    commitGroup(packer, prepared, failed);
                    packer = newPacker();
                    prepared.clear();
                }
            }
            commitGroup(packer, prepared, failed);
            settleIntents();
        } finally {
            rollupLock.unlock();
        }
        return failed;
    }

    private Packer newPacker() {
        return new Packer(meta, remote, intents, cache, clock, settings.packing());
    }

    private void commitGroup(Packer packer, List<Prepared> prepared, Map<ContentKey, RuntimeException> failed) {
        try {
            packer.flush();
        } catch (RuntimeException e) {
            for (Prepared p : prepared) {
                stats.failedRollups.incrementAndGet();
                failed.put(p.key(), e);
            }
            return;
        }
        for (Prepared p : prepared) {
            try {
                finished(p.key(), p.overlay(), p.rollup().commit());
            } catch (RuntimeException e) {
                stats.failedRollups.incrementAndGet();
                failed.put(p.key(), e);
            }
        }
        stats.uploadedObjects.addAndGet(packer.objects());
        stats.uploadedPacks.addAndGet(packer.packs());
    }

    /** After a file's rollup committed (or found the file gone): trims its overlay and log. */
    private void finished(ContentKey key, Overlay ov, Rollup.Result r) {
        FileRef ref = new FileRef(key.fileId(), key.generation());
        if (r.fileGone()) {
            delete(key, 0);
        } else {
            boolean more = ov.rolledUp(r.seq());
            if (!more) {
                ov.lock.lock();
                try {
                    if (ov.isEmpty()) {
                        ov.removed = true;
                        overlays.remove(key, ov);
                    }
                } finally {
                    ov.lock.unlock();
                }
            }
            laneOf(key.fileId()).release(ref, r.seq());
            stats.rolledBytes.addAndGet(r.bytes());
            stats.uploadedBytes.addAndGet(r.newBytes());
            stats.chunks.addAndGet(r.chunks());
            stats.uploadedChunks.addAndGet(r.newChunks());
        }
        stats.rollups.incrementAndGet();
        backoff.remove(key);
    }

    private void backgroundPass() {
        boolean full = logBytes() > settings.maxLogBytes();
        if (full != logFull) {
            logFull = full;
            log.warn(
                    full
                            ? "the write log is past its limit of {} bytes: new writes are refused with TRY_LATER until"
                                    + " the remote catches up"
                            : "the write log is below its limit of {} bytes again: writes resume",
                    settings.maxLogBytes());
        }
        long now = System.nanoTime();
        long after = settings.rollupAfter().toNanos();
        List<ContentKey> due = new ArrayList<>();
        for (Map.Entry<ContentKey, Overlay> e : List.copyOf(overlays.entrySet())) {
            Overlay ov = e.getValue();
            long since = ov.firstChangeNanos();
            boolean isDue = since != 0 && (now - since >= after || ov.bytes() >= settings.rollupBytes());
            long[] wait = backoff.get(e.getKey());
            if (isDue && (wait == null || now - wait[0] >= 0)) {
                due.add(e.getKey());
            }
        }
        rollupGroup(due).forEach((key, ex) -> {
            long[] wait = backoff.get(key);
            long delay = wait == null ? TimeUnit.SECONDS.toNanos(1) : Math.min(MAX_BACKOFF_NANOS, wait[1] * 2);
            backoff.put(key, new long[] {System.nanoTime() + delay, delay});
            log.warn(
                    "rollup of file {} failed; its data stays in the write log, retrying in {} ms: {}",
                    key.fileId(),
                    TimeUnit.NANOSECONDS.toMillis(delay),
                    ex.toString());
        });
        if (now - nextGcNanos >= 0) {
            nextGcNanos = now + settings.gcEvery().toNanos();
            try {
                gc(settings.gcGrace(), s -> {});
            } catch (RuntimeException ex) {
                log.warn("background garbage collection failed: {}", ex.toString());
            }
        }
    }

    // ---- garbage collection ---------------------------------------------------------------------

    /**
     * What one garbage collection did.
     *
     * @param deletedPacks pack objects deleted (no chunk record pointed into them)
     * @param repackedPacks packs rewritten because too little of them was live
     */
    public record GcResult(long scanned, long deleted, long deletedBytes, long deletedPacks, long repackedPacks) {}

    /**
     * Deletes every chunk whose reference count has been 0 for at least {@code grace}: first its
     * index record, in a transaction that re-checks the count (a rollup that re-references the
     * chunk either committed before, so the count is not 0, or commits after and finds no record,
     * so it uploads the chunk again under a new object key), then its object and cached copy. A
     * packed chunk leaves its pack, which is deleted once it has been empty for {@code grace} and
     * rewritten when mostly dead (see {@link Gc}).
     */
    public GcResult gc(java.time.Duration grace, Consumer<String> progress) {
        GcResult r =
                new Gc(meta, remote, cache, clock, settings.packing().repackBelow(), this::repack).run(grace, progress);
        stats.gcDeletedChunks.addAndGet(r.deleted());
        stats.gcDeletedBytes.addAndGet(r.deletedBytes());
        return r;
    }

    /**
     * Copies a pack's live chunks (read one ranged request each, verified by name) into a new
     * pack, then in one transaction points every chunk record still in the old pack at its new
     * place, moving the live counts. Reference counts are untouched, so a rollup that references
     * one of these chunks meanwhile just counts it up, wherever it now lies. The old pack, now
     * empty, goes with the next collection past the grace period, so readers that looked up the
     * old place still find it.
     */
    private void repack(PackRecord pack, List<ChunkRecord> live) {
        rollupLock.lock();
        try {
            Map<String, ByteBuffer> data = new LinkedHashMap<>();
            for (ChunkRecord c : live) {
                data.put(c.chunkId(), verifiedCopy(c));
            }
            Packer packer = newPacker();
            packer.add(data);
            packer.flush();
            long now = clock.millis();
            meta.write(Durability.SYNC, w -> {
                for (ChunkRecord seen : live) {
                    Optional<ChunkRecord> cur = w.chunk(seen.chunkId());
                    if (cur.isEmpty()
                            || !cur.get().objectKey().equals(pack.packKey())
                            || cur.get().objectOffset() != seen.objectOffset()) {
                        continue; // collected (or moved) meanwhile: its copy is dead weight in the new pack
                    }
                    ChunkRecord to = packer.placed(seen.chunkId());
                    w.putChunk(cur.get().movedTo(to.objectKey(), to.objectOffset(), to.storedLength(), to.frameCrc()));
                    w.pack(pack.packKey()).ifPresent(p -> w.putPack(p.withLive(-1, -seen.length(), now)));
                    if (to.packed()) {
                        PackRecord np = w.pack(to.objectKey()).orElseThrow();
                        w.putPack(np.withLive(1, seen.length(), now));
                    }
                }
                return null;
            });
            stats.repackedPacks.incrementAndGet();
            settleIntents();
        } finally {
            rollupLock.unlock();
        }
    }

    /** A chunk's bytes for a repack: the cache's copy or the remote's, checked against its name. */
    private ByteBuffer verifiedCopy(ChunkRecord c) {
        ChunkCache.Hit hit = cache.get(c.chunkId());
        if (hit != null && namer.name(hit.data()).equals(c.chunkId())) {
            return hit.data();
        }
        ByteBuffer data =
                remote.read(c).orElseThrow(() -> new IllegalStateException("object " + c.objectKey() + " is missing"));
        if (data.remaining() != c.length() || !namer.name(data).equals(c.chunkId())) {
            throw new IllegalStateException(
                    "chunk " + c.chunkId() + " in " + c.objectKey() + " does not match its hash");
        }
        return data;
    }

    /** Stops the background work and closes the write logs (fsynced); logged changes replay at the next open. */
    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(60, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rollupLock.lock();
        try {
            for (WriteLog l : lanes) {
                l.close();
            }
            intents.close();
            namer.close();
            remote.close();
        } finally {
            rollupLock.unlock();
        }
        if (temporaryLocalDir) {
            deleteTree(localDir);
        }
    }

    /** Flushes the write logs of every file (all lanes). */
    public void flushAll() {
        for (WriteLog l : lanes) {
            l.syncAll();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", dir, e.toString());
        }
    }
}
