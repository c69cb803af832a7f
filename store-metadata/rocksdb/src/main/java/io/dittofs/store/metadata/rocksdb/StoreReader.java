package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataReader;
import io.dittofs.store.metadata.PackRecord;
import io.dittofs.store.metadata.StateRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * The reads of a transaction, over a {@link View}: a snapshot for a read transaction, the
 * database with the transaction's own batch laid over it for a write transaction.
 *
 * <p>Threading: used by the one thread running the transaction's work, and only until the
 * transaction ends; afterwards every call throws {@link IllegalStateException} (the native
 * read options behind the view are gone).
 */
class StoreReader implements MetadataReader {

    /** Where a transaction reads from. */
    interface View {
        byte @Nullable [] get(Cf cf, byte[] key);

        /** A new iterator, which the caller closes. */
        RocksIterator iterator(Cf cf);

        /** The values of {@code keys} in order, null where absent; one read each unless overridden. */
        default List<byte @Nullable []> multiGet(Cf cf, List<byte[]> keys) {
            List<byte @Nullable []> values = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                values.add(get(cf, key));
            }
            return values;
        }

        /** The database as {@code options} read it (its snapshot, if it has one). */
        static View of(Database db, ReadOptions options) {
            return new View() {
                @Override
                public byte @Nullable [] get(Cf cf, byte[] key) {
                    return db.get(cf, options, key);
                }

                @Override
                public RocksIterator iterator(Cf cf) {
                    return db.iterator(cf, options);
                }

                @Override
                public List<byte @Nullable []> multiGet(Cf cf, List<byte[]> keys) {
                    return db.multiGet(cf, options, keys);
                }
            };
        }
    }

    private final View view;
    private boolean ended;

    StoreReader(View view) {
        this.view = view;
    }

    /** Called when the transaction is over. */
    void end() {
        ended = true;
    }

    /** Reads {@code key}, checking that the transaction is still running. */
    final byte @Nullable [] get(Cf cf, byte[] key) {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        return view.get(cf, key);
    }

    final RocksIterator iterator(Cf cf) {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        return view.iterator(cf);
    }

    final long counter(byte[] key, long absent) {
        byte[] v = get(Cf.META, key);
        return v == null ? absent : Keys.getLong(v, 0);
    }

    @Override
    public Optional<Inode> inode(long fileId) {
        byte[] v = get(Cf.INODES, Keys.id(fileId));
        return v == null ? Optional.empty() : Optional.of(InodeCodec.decode(fileId, v));
    }

    /** One batched read for a listing page's inodes (where a read view allows it), not one per entry. */
    @Override
    public Map<Long, Inode> inodes(Collection<Long> fileIds) {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        List<Long> ids = List.copyOf(fileIds);
        List<byte[]> keys = new ArrayList<>(ids.size());
        for (long id : ids) {
            keys.add(Keys.id(id));
        }
        List<byte @Nullable []> values = view.multiGet(Cf.INODES, keys);
        Map<Long, Inode> found = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byte[] v = values.get(i);
            if (v != null) {
                found.put(ids.get(i), InodeCodec.decode(ids.get(i), v));
            }
        }
        return found;
    }

    @Override
    public Optional<DirEntry> entry(long dirId, String name) {
        byte[] v = get(Cf.ENTRIES_BY_NAME, Keys.byName(dirId, Keys.utf8(name)));
        return v == null
                ? Optional.empty()
                : Optional.of(new DirEntry(dirId, name, Keys.getLong(v, Keys.ID), Keys.getLong(v, 0)));
    }

    @Override
    public List<DirEntry> entriesFolded(long dirId, String foldedName) {
        byte[] prefix = Keys.foldedPrefix(dirId, foldedName);
        List<DirEntry> found = new ArrayList<>(2);
        try (RocksIterator it = iterator(Cf.ENTRIES_BY_FOLDED_NAME)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!Keys.hasPrefix(key, prefix)) {
                    break;
                }
                // A longer folded name that starts with this one and a 0x00 is not a match.
                if (key.length == prefix.length + Keys.ID) {
                    byte[] v = it.value();
                    found.add(new DirEntry(
                            dirId, Keys.nameAfterId(v), Keys.getLong(v, 0), Keys.getLong(key, prefix.length)));
                }
            }
            Database.checkIterator(it, Cf.ENTRIES_BY_FOLDED_NAME, prefix);
        }
        return found;
    }

    @Override
    public DirPage list(long dirId, long afterCookie, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (afterCookie == Long.MAX_VALUE) {
            return new DirPage(List.of(), true);
        }
        // Cookies are positive; a negative one (a client's unsigned cookie) starts at the beginning.
        byte[] start = Keys.byCookie(dirId, Math.max(afterCookie, 0) + 1);
        List<DirEntry> page = new ArrayList<>(Math.min(limit, 256));
        try (RocksIterator it = iterator(Cf.ENTRIES_BY_COOKIE)) {
            for (it.seek(start); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (Keys.getLong(key, 0) != dirId) {
                    break;
                }
                if (page.size() == limit) {
                    return new DirPage(page, false);
                }
                byte[] v = it.value();
                page.add(new DirEntry(dirId, Keys.nameAfterId(v), Keys.getLong(v, 0), Keys.getLong(key, Keys.ID)));
            }
            Database.checkIterator(it, Cf.ENTRIES_BY_COOKIE, start);
        }
        return new DirPage(page, true);
    }

    @Override
    public boolean hasEntries(long dirId) {
        byte[] start = Keys.byCookie(dirId, 0);
        try (RocksIterator it = iterator(Cf.ENTRIES_BY_COOKIE)) {
            it.seek(start);
            boolean found = it.isValid() && Keys.getLong(it.key(), 0) == dirId;
            Database.checkIterator(it, Cf.ENTRIES_BY_COOKIE, start);
            return found;
        }
    }

    @Override
    public List<Inode> inodes(long afterFileId, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<Inode> page = new ArrayList<>(Math.min(limit, 256));
        if (afterFileId == Long.MAX_VALUE) {
            return page;
        }
        // File ids are positive; a negative start begins at the first inode.
        byte[] start = Keys.id(Math.max(afterFileId, 0) + 1);
        try (RocksIterator it = iterator(Cf.INODES)) {
            for (it.seek(start); it.isValid() && page.size() < limit; it.next()) {
                page.add(InodeCodec.decode(Keys.getLong(it.key(), 0), it.value()));
            }
            Database.checkIterator(it, Cf.INODES, start);
        }
        return page;
    }

    @Override
    public long inodeCount() {
        return counter(Keys.INODE_COUNT, 0);
    }

    @Override
    public Optional<byte[]> xattr(long fileId, String name) {
        return Optional.ofNullable(get(Cf.XATTRS, Keys.xattr(fileId, name)));
    }

    @Override
    public List<String> xattrNames(long fileId) {
        List<String> names = new ArrayList<>();
        scan(Cf.XATTRS, Keys.id(fileId), (key, value) -> names.add(Keys.nameAfterId(key)));
        return names;
    }

    @Override
    public Optional<byte[]> stateRecord(String kind, byte[] key) {
        return Optional.ofNullable(get(Cf.STATE, Keys.state(StateRecord.checkKind(kind), key)));
    }

    @Override
    public List<StateRecord> stateRecords(String kind) {
        byte[] prefix = Keys.stateKindPrefix(StateRecord.checkKind(kind));
        List<StateRecord> records = new ArrayList<>();
        scan(
                Cf.STATE,
                prefix,
                (key, value) ->
                        records.add(new StateRecord(kind, Arrays.copyOfRange(key, prefix.length, key.length), value)));
        return records;
    }

    /** What {@link #scan} hands each key and value to. */
    interface KeyValueSink {
        void accept(byte[] key, byte[] value);
    }

    /** Every key of {@code cf} starting with {@code prefix}, in key order. */
    final void scan(Cf cf, byte[] prefix, KeyValueSink sink) {
        try (RocksIterator it = iterator(cf)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!Keys.hasPrefix(key, prefix)) {
                    break;
                }
                sink.accept(key, it.value());
            }
            Database.checkIterator(it, cf, prefix);
        }
    }

    @Override
    public List<ContentExtent> extents(long fileId, long fromOffset, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        byte[] prefix = ContentKeys.extentPrefix(fileId);
        byte[] start = ContentKeys.extent(fileId, Math.max(0, fromOffset));
        List<ContentExtent> page = new ArrayList<>(Math.min(limit, 256));
        try (RocksIterator it = iterator(Cf.META)) {
            it.seekForPrev(start);
            if (it.isValid() && Keys.hasPrefix(it.key(), prefix)) {
                ContentExtent floor = ContentKeys.decodeExtent(it.key(), it.value());
                if (floor.end() > fromOffset) {
                    page.add(floor);
                }
            }
            for (it.seek(ContentKeys.extent(fileId, Math.max(0, fromOffset) + 1));
                    it.isValid() && page.size() < limit;
                    it.next()) {
                byte[] key = it.key();
                if (!Keys.hasPrefix(key, prefix)) {
                    break;
                }
                ContentExtent e = ContentKeys.decodeExtent(key, it.value());
                if (page.isEmpty() || page.getLast().offset() != e.offset()) {
                    page.add(e);
                }
            }
            Database.checkIterator(it, Cf.META, start);
        }
        return page;
    }

    @Override
    public Optional<ChunkRecord> chunk(String chunkId) {
        byte[] key = ContentKeys.chunk(chunkId);
        byte[] v = get(Cf.META, key);
        return v == null ? Optional.empty() : Optional.of(ContentKeys.decodeChunk(key, v));
    }

    @Override
    public List<ChunkRecord> chunks(String afterChunkId, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        byte[] start = ContentKeys.chunk(afterChunkId + "\0");
        if (afterChunkId.isEmpty()) {
            start = new byte[] {ContentKeys.CHUNK_TAG};
        }
        List<ChunkRecord> page = new ArrayList<>(Math.min(limit, 256));
        try (RocksIterator it = iterator(Cf.META)) {
            for (it.seek(start); it.isValid() && page.size() < limit; it.next()) {
                byte[] key = it.key();
                if (key.length < 2 || key[0] != ContentKeys.CHUNK_TAG) {
                    break;
                }
                page.add(ContentKeys.decodeChunk(key, it.value()));
            }
            Database.checkIterator(it, Cf.META, start);
        }
        return page;
    }

    @Override
    public Optional<PackRecord> pack(String packKey) {
        byte[] key = ContentKeys.pack(packKey);
        byte[] v = get(Cf.META, key);
        return v == null ? Optional.empty() : Optional.of(ContentKeys.decodePack(key, v));
    }

    @Override
    public List<PackRecord> packs(String afterPackKey, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        byte[] start =
                afterPackKey.isEmpty() ? new byte[] {ContentKeys.PACK_TAG} : ContentKeys.pack(afterPackKey + "\0");
        List<PackRecord> page = new ArrayList<>(Math.min(limit, 256));
        try (RocksIterator it = iterator(Cf.META)) {
            for (it.seek(start); it.isValid() && page.size() < limit; it.next()) {
                byte[] key = it.key();
                if (key.length < 2 || key[0] != ContentKeys.PACK_TAG) {
                    break;
                }
                page.add(ContentKeys.decodePack(key, it.value()));
            }
            Database.checkIterator(it, Cf.META, start);
        }
        return page;
    }
}
