package io.dittofs.store.metadata.memory;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataReader;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.NameFolding;
import io.dittofs.store.metadata.PackRecord;
import io.dittofs.store.metadata.StateRecord;
import io.dittofs.store.metadata.Xattrs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MetadataStore} held in maps.
 *
 * <p>Threading: one read-write lock per store. Read transactions share it; a write transaction
 * holds it exclusively, applies its changes in place and keeps an undo log, which it replays
 * backwards when the work throws. That serialises writers of one share, which is fine for tests
 * and scratch shares; the durable stores lock finer.
 */
public final class MemoryMetadataStore implements MetadataStore {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<Long, Inode> inodes = new TreeMap<>();
    private final Map<Long, Directory> directories = new HashMap<>();
    /** fileId → name → value; names in code point order, which is UTF-8 byte order. */
    private final Map<Long, NavigableMap<String, byte[]>> xattrs = new HashMap<>();
    /** kind → key → value, keys in unsigned byte order. */
    private final Map<String, NavigableMap<byte[], byte[]>> state = new HashMap<>();

    private static final Comparator<String> CODE_POINT_ORDER =
            (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    private static final Comparator<byte[]> UNSIGNED_BYTES = Arrays::compareUnsigned;
    private final Map<Long, NavigableMap<Long, ContentExtent>> extents = new HashMap<>();
    private final NavigableMap<String, ChunkRecord> chunks = new TreeMap<>();
    private final NavigableMap<String, PackRecord> packs = new TreeMap<>();
    private long nextFileId = ROOT_ID + 1;

    @Override
    public <T> T read(ReadTransaction<T> work) {
        lock.readLock().lock();
        try {
            return work.run(new Reader());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Durability durability, WriteTransaction<T> work) {
        lock.writeLock().lock();
        try {
            Writer writer = new Writer();
            try {
                return work.run(writer);
            } catch (RuntimeException | Error e) {
                writer.rollback();
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void sync() {
        // Nothing is ever durable here; there is nothing to flush.
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            inodes.clear();
            directories.clear();
            xattrs.clear();
            state.clear();
            extents.clear();
            chunks.clear();
            packs.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The entries of one directory, indexed three ways. Guarded by the store lock. */
    private static final class Directory {
        final NavigableMap<Long, DirEntry> byCookie = new TreeMap<>();
        final Map<String, DirEntry> byName = new HashMap<>();
        final Map<String, NavigableMap<Long, DirEntry>> byFoldedName = new HashMap<>();
        long nextCookie = DirPage.FIRST_COOKIE;

        void insert(DirEntry e) {
            byCookie.put(e.cookie(), e);
            byName.put(e.name(), e);
            byFoldedName
                    .computeIfAbsent(NameFolding.fold(e.name()), k -> new TreeMap<>())
                    .put(e.cookie(), e);
        }

        void remove(DirEntry e) {
            byCookie.remove(e.cookie());
            byName.remove(e.name());
            String folded = NameFolding.fold(e.name());
            NavigableMap<Long, DirEntry> variants = byFoldedName.get(folded);
            if (variants != null) {
                variants.remove(e.cookie());
                if (variants.isEmpty()) {
                    byFoldedName.remove(folded);
                }
            }
        }
    }

    private class Reader implements MetadataReader {
        @Override
        public Optional<Inode> inode(long fileId) {
            return Optional.ofNullable(inodes.get(fileId));
        }

        @Override
        public Optional<DirEntry> entry(long dirId, String name) {
            Directory d = directories.get(dirId);
            return d == null ? Optional.empty() : Optional.ofNullable(d.byName.get(name));
        }

        @Override
        public List<DirEntry> entriesFolded(long dirId, String foldedName) {
            Directory d = directories.get(dirId);
            if (d == null) {
                return List.of();
            }
            NavigableMap<Long, DirEntry> variants = d.byFoldedName.get(foldedName);
            return variants == null ? List.of() : List.copyOf(variants.values());
        }

        @Override
        public DirPage list(long dirId, long afterCookie, int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive: " + limit);
            }
            Directory d = directories.get(dirId);
            if (d == null) {
                return new DirPage(List.of(), true);
            }
            List<DirEntry> page = new ArrayList<>(Math.min(limit, d.byCookie.size()));
            NavigableMap<Long, DirEntry> tail = d.byCookie.tailMap(afterCookie, false);
            for (DirEntry e : tail.values()) {
                if (page.size() == limit) {
                    return new DirPage(page, false);
                }
                page.add(e);
            }
            return new DirPage(page, true);
        }

        @Override
        public boolean hasEntries(long dirId) {
            Directory d = directories.get(dirId);
            return d != null && !d.byCookie.isEmpty();
        }

        @Override
        public List<Inode> inodes(long afterFileId, int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive: " + limit);
            }
            List<Inode> page = new ArrayList<>(Math.min(limit, 256));
            for (Inode i : inodes.tailMap(afterFileId, false).values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(i);
            }
            return page;
        }

        @Override
        public long inodeCount() {
            return inodes.size();
        }

        @Override
        public Optional<byte[]> xattr(long fileId, String name) {
            NavigableMap<String, byte[]> attrs = xattrs.get(fileId);
            byte[] v = attrs == null ? null : attrs.get(name);
            return v == null ? Optional.empty() : Optional.of(v.clone());
        }

        @Override
        public List<String> xattrNames(long fileId) {
            NavigableMap<String, byte[]> attrs = xattrs.get(fileId);
            return attrs == null ? List.of() : List.copyOf(attrs.keySet());
        }

        @Override
        public Optional<byte[]> stateRecord(String kind, byte[] key) {
            NavigableMap<byte[], byte[]> records = state.get(kind);
            byte[] v = records == null ? null : records.get(key);
            return v == null ? Optional.empty() : Optional.of(v.clone());
        }

        @Override
        public List<StateRecord> stateRecords(String kind) {
            NavigableMap<byte[], byte[]> records = state.get(kind);
            if (records == null) {
                return List.of();
            }
            List<StateRecord> all = new ArrayList<>(records.size());
            records.forEach((k, v) -> all.add(new StateRecord(kind, k, v)));
            return all;
        }

        @Override
        public List<ContentExtent> extents(long fileId, long fromOffset, int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive: " + limit);
            }
            NavigableMap<Long, ContentExtent> file = extents.get(fileId);
            if (file == null) {
                return List.of();
            }
            Map.Entry<Long, ContentExtent> floor = file.floorEntry(fromOffset);
            long from = floor != null && floor.getValue().end() > fromOffset ? floor.getKey() : fromOffset;
            List<ContentExtent> page = new ArrayList<>(Math.min(limit, 256));
            for (ContentExtent e : file.tailMap(from, true).values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(e);
            }
            return page;
        }

        @Override
        public Optional<ChunkRecord> chunk(String chunkId) {
            return Optional.ofNullable(chunks.get(chunkId));
        }

        @Override
        public List<ChunkRecord> chunks(String afterChunkId, int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive: " + limit);
            }
            List<ChunkRecord> page = new ArrayList<>(Math.min(limit, 256));
            for (ChunkRecord c : chunks.tailMap(afterChunkId, false).values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(c);
            }
            return page;
        }

        @Override
        public Optional<PackRecord> pack(String packKey) {
            return Optional.ofNullable(packs.get(packKey));
        }

        @Override
        public List<PackRecord> packs(String afterPackKey, int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive: " + limit);
            }
            List<PackRecord> page = new ArrayList<>(Math.min(limit, 256));
            for (PackRecord p : packs.tailMap(afterPackKey, false).values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(p);
            }
            return page;
        }
    }

    private final class Writer extends Reader implements MetadataWriter {
        private final Deque<Runnable> undo = new ArrayDeque<>();

        void rollback() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        }

        @Override
        public long allocateFileId() {
            // Not undone on rollback: a skipped id is harmless, a reused one is not.
            return nextFileId++;
        }

        @Override
        public void putInode(Inode inode) {
            Inode previous = inodes.put(inode.fileId(), inode);
            undo.push(() -> {
                if (previous == null) {
                    inodes.remove(inode.fileId());
                } else {
                    inodes.put(inode.fileId(), previous);
                }
            });
        }

        @Override
        public boolean deleteInode(long fileId) {
            Inode previous = inodes.remove(fileId);
            Directory dir = directories.remove(fileId);
            if (dir != null) {
                undo.push(() -> directories.put(fileId, dir));
            }
            NavigableMap<String, byte[]> attrs = xattrs.remove(fileId);
            if (attrs != null) {
                undo.push(() -> xattrs.put(fileId, attrs));
            }
            if (previous != null) {
                undo.push(() -> inodes.put(fileId, previous));
            }
            return previous != null;
        }

        @Override
        public DirEntry putEntry(long dirId, String name, long childId) {
            Directory d = directories.computeIfAbsent(dirId, k -> new Directory());
            if (d.byName.containsKey(name)) {
                throw new IllegalStateException("entry exists: " + dirId + "/" + name);
            }
            DirEntry e = new DirEntry(dirId, name, childId, d.nextCookie++);
            d.insert(e);
            undo.push(() -> d.remove(e));
            return e;
        }

        @Override
        public void putExtent(ContentExtent extent) {
            NavigableMap<Long, ContentExtent> file = extents.computeIfAbsent(extent.fileId(), k -> new TreeMap<>());
            ContentExtent previous = file.put(extent.offset(), extent);
            undo.push(() -> {
                if (previous == null) {
                    file.remove(extent.offset());
                } else {
                    file.put(extent.offset(), previous);
                }
            });
        }

        @Override
        public boolean deleteExtent(long fileId, long offset) {
            NavigableMap<Long, ContentExtent> file = extents.get(fileId);
            ContentExtent previous = file == null ? null : file.remove(offset);
            if (previous == null) {
                return false;
            }
            if (file.isEmpty()) {
                extents.remove(fileId);
            }
            undo.push(
                    () -> extents.computeIfAbsent(fileId, k -> new TreeMap<>()).put(offset, previous));
            return true;
        }

        @Override
        public void putChunk(ChunkRecord chunk) {
            ChunkRecord previous = chunks.put(chunk.chunkId(), chunk);
            undo.push(() -> {
                if (previous == null) {
                    chunks.remove(chunk.chunkId());
                } else {
                    chunks.put(chunk.chunkId(), previous);
                }
            });
        }

        @Override
        public boolean deleteChunk(String chunkId) {
            ChunkRecord previous = chunks.remove(chunkId);
            if (previous == null) {
                return false;
            }
            undo.push(() -> chunks.put(chunkId, previous));
            return true;
        }

        @Override
        public void putPack(PackRecord pack) {
            PackRecord previous = packs.put(pack.packKey(), pack);
            undo.push(() -> {
                if (previous == null) {
                    packs.remove(pack.packKey());
                } else {
                    packs.put(pack.packKey(), previous);
                }
            });
        }

        @Override
        public boolean deletePack(String packKey) {
            PackRecord previous = packs.remove(packKey);
            if (previous == null) {
                return false;
            }
            undo.push(() -> packs.put(packKey, previous));
            return true;
        }

        @Override
        public boolean removeEntry(long dirId, String name) {
            Directory d = directories.get(dirId);
            DirEntry e = d == null ? null : d.byName.get(name);
            if (e == null) {
                return false;
            }
            d.remove(e);
            undo.push(() -> d.insert(e));
            return true;
        }

        @Override
        public void putXattr(long fileId, String name, byte[] value) {
            Xattrs.checkName(name);
            byte[] copy = Xattrs.checkValue(value).clone();
            NavigableMap<String, byte[]> attrs = xattrs.computeIfAbsent(fileId, k -> new TreeMap<>(CODE_POINT_ORDER));
            byte[] previous = attrs.put(name, copy);
            undo.push(() -> restore(xattrs, fileId, name, previous, CODE_POINT_ORDER));
        }

        @Override
        public boolean removeXattr(long fileId, String name) {
            NavigableMap<String, byte[]> attrs = xattrs.get(fileId);
            byte[] previous = attrs == null ? null : attrs.remove(name);
            if (previous == null) {
                return false;
            }
            if (attrs.isEmpty()) {
                xattrs.remove(fileId);
            }
            undo.push(() -> restore(xattrs, fileId, name, previous, CODE_POINT_ORDER));
            return true;
        }

        @Override
        public void putStateRecord(String kind, byte[] key, byte[] value) {
            StateRecord.checkKind(kind);
            byte[] k = StateRecord.checkKey(key).clone();
            byte[] v = StateRecord.checkValue(value).clone();
            byte[] previous = state.computeIfAbsent(kind, x -> new TreeMap<>(UNSIGNED_BYTES))
                    .put(k, v);
            undo.push(() -> restore(state, kind, k, previous, UNSIGNED_BYTES));
        }

        @Override
        public boolean removeStateRecord(String kind, byte[] key) {
            NavigableMap<byte[], byte[]> records = state.get(kind);
            byte[] previous = records == null ? null : records.remove(key);
            if (previous == null) {
                return false;
            }
            if (records.isEmpty()) {
                state.remove(kind);
            }
            undo.push(() -> restore(state, kind, key.clone(), previous, UNSIGNED_BYTES));
            return true;
        }
    }

    /** Puts back {@code previous} (or removes the key when it had none) in a two-level map. */
    private static <K, N> void restore(
            Map<K, NavigableMap<N, byte[]>> map, K outer, N inner, byte @Nullable [] previous, Comparator<N> order) {
        if (previous != null) {
            map.computeIfAbsent(outer, k -> new TreeMap<>(order)).put(inner, previous);
            return;
        }
        NavigableMap<N, byte[]> m = map.get(outer);
        if (m != null) {
            m.remove(inner);
            if (m.isEmpty()) {
                map.remove(outer);
            }
        }
    }
}
