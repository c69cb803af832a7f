package io.dittofs.store.metadata.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * The key-value seam: one RocksDB database with the column families of {@link Cf}. It owns every
 * native handle it creates and closes them all in {@link #close}; every {@link RocksDBException}
 * leaves it wrapped in a {@link RocksDbStoreException} that names the operation and the key kind.
 *
 * <p>Threading: every method may be called from any thread until {@link #close}, which the
 * caller must not run concurrently with any other call (the store's lifecycle lock sees to it).
 * Each call is a JNI call and pins a virtual thread's carrier for its duration.
 */
final class Database implements AutoCloseable {

    /** Prefix of the keys that {@link Cf#scannedByDirectory} column families are scanned by. */
    private static final int DIRECTORY_PREFIX = Keys.ID;

    private final Path dir;
    private final RocksDB db;
    private final Map<Cf, ColumnFamilyHandle> handles;
    /** Never syncs: durability comes from {@link #syncWal}, shared by concurrent committers. */
    private final WriteOptions writeOptions;
    /** Everything to close, most recently created first. */
    private final Deque<AutoCloseable> owned;

    private Database(
            Path dir,
            RocksDB db,
            Map<Cf, ColumnFamilyHandle> handles,
            WriteOptions writeOptions,
            Deque<AutoCloseable> owned) {
        this.dir = dir;
        this.db = db;
        this.handles = handles;
        this.writeOptions = writeOptions;
        this.owned = owned;
    }

    static Database open(Path dir, RocksDbSettings settings) {
        return open(dir, settings, null);
    }

    /**
     * Opens the database as a RocksDB secondary instance: read-only, beside a primary that another
     * process may have open and keep writing, seeing the primary's state as of this open (it never
     * catches up later, so every read sees the same state). {@code secondaryDir} holds the
     * secondary's own info log; nothing under {@code dir} is written.
     */
    static Database openSecondary(Path dir, Path secondaryDir, RocksDbSettings settings) {
        return open(dir, settings, secondaryDir);
    }

    private static Database open(Path dir, RocksDbSettings settings, @Nullable Path secondaryDir) {
        RocksDB.loadLibrary();
        Deque<AutoCloseable> owned = new ArrayDeque<>();
        try {
            LRUCache cache = own(owned, new LRUCache(settings.blockCacheBytes()));
            BloomFilter bloom = own(owned, new BloomFilter(settings.bloomBitsPerKey()));
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(bloom)
                    .setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true);
            DBOptions dbOptions = own(owned, new DBOptions())
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(settings.maxBackgroundJobs())
                    .setMaxTotalWalSize(settings.maxTotalWalBytes())
                    .setBytesPerSync(1 << 20)
                    .setKeepLogFileNum(5)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
            if (secondaryDir != null) {
                // A secondary keeps every table file open, so the primary's compactions deleting
                // them cannot pull files from under its reads.
                dbOptions
                        .setCreateIfMissing(false)
                        .setCreateMissingColumnFamilies(false)
                        .setMaxOpenFiles(-1);
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (Cf cf : Cf.values()) {
                ColumnFamilyOptions cfOptions = own(owned, new ColumnFamilyOptions())
                        .setWriteBufferSize(settings.writeBufferBytes())
                        .setMaxWriteBufferNumber(settings.maxWriteBuffers())
                        .setLevelCompactionDynamicLevelBytes(true)
                        .setCompressionType(CompressionType.LZ4_COMPRESSION)
                        .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                        .setTableFormatConfig(table);
                if (cf.scannedByDirectory) {
                    cfOptions.useFixedLengthPrefixExtractor(DIRECTORY_PREFIX);
                }
                descriptors.add(new ColumnFamilyDescriptor(cf.dbName.getBytes(StandardCharsets.UTF_8), cfOptions));
            }
            List<ColumnFamilyHandle> list = new ArrayList<>();
            RocksDB db;
            try {
                db = secondaryDir == null
                        ? RocksDB.open(dbOptions, dir.toString(), descriptors, list)
                        : RocksDB.openAsSecondary(
                                dbOptions, dir.toString(), secondaryDir.toString(), descriptors, list);
            } catch (RocksDBException e) {
                throw new RocksDbStoreException("cannot open the metadata database in " + dir, e);
            }
            own(owned, db);
            Map<Cf, ColumnFamilyHandle> handles = new EnumMap<>(Cf.class);
            for (int i = 0; i < list.size(); i++) {
                handles.put(Cf.values()[i], own(owned, list.get(i)));
            }
            WriteOptions writeOptions = own(owned, new WriteOptions().setSync(false));
            return new Database(dir, db, handles, writeOptions, owned);
        } catch (RuntimeException | Error e) {
            closeAll(owned, e);
            throw e;
        }
    }

    /** Reads the current or the snapshot's value (per {@code options}); {@code null} when absent. */
    byte @Nullable [] get(Cf cf, ReadOptions options, byte[] key) {
        try {
            return db.get(handles.get(cf), options, key);
        } catch (RocksDBException e) {
            throw failure("get", cf, key, e);
        }
    }

    /**
     * Reads many keys of one column family in one call (RocksDB's batched MultiGet, which looks
     * keys up in parallel within the same memtable and SST blocks): the values in key order, null
     * where absent.
     */
    List<byte @Nullable []> multiGet(Cf cf, ReadOptions options, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return List.of(); // RocksJava refuses an empty key list
        }
        ColumnFamilyHandle handle = handles.get(cf);
        try {
            return db.multiGetAsList(options, java.util.Collections.nCopies(keys.size(), handle), keys);
        } catch (RocksDBException e) {
            throw failure("multiGet", cf, keys.getFirst(), e);
        }
    }

    /** Reads through {@code batch}: its own writes first, then the database. */
    byte @Nullable [] get(WriteBatchWithIndex batch, Cf cf, ReadOptions options, byte[] key) {
        try {
            return batch.getFromBatchAndDB(db, handles.get(cf), options, key);
        } catch (RocksDBException e) {
            throw failure("get", cf, key, e);
        }
    }

    RocksIterator iterator(Cf cf, ReadOptions options) {
        return db.newIterator(handles.get(cf), options);
    }

    /** An iterator over the database with {@code batch}'s writes laid over it. */
    RocksIterator iterator(WriteBatchWithIndex batch, Cf cf, ReadOptions options) {
        ColumnFamilyHandle handle = handles.get(cf);
        // The returned iterator owns the base iterator and closes it.
        return batch.newIteratorWithBase(handle, db.newIterator(handle, options), options);
    }

    /** Throws when {@code it} stopped on an error rather than at the end. */
    static void checkIterator(RocksIterator it, Cf cf, byte[] seekKey) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw failure("scan", cf, seekKey, e);
        }
    }

    void put(WriteBatchWithIndex batch, Cf cf, byte[] key, byte[] value) {
        try {
            batch.put(handles.get(cf), key, value);
        } catch (RocksDBException e) {
            throw failure("put", cf, key, e);
        }
    }

    void delete(WriteBatchWithIndex batch, Cf cf, byte[] key) {
        try {
            batch.delete(handles.get(cf), key);
        } catch (RocksDBException e) {
            throw failure("delete", cf, key, e);
        }
    }

    /** Applies {@code batch} atomically: in the WAL (not synced) and the memtables. */
    void write(WriteBatchWithIndex batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new RocksDbStoreException("write of a batch of " + batch.count() + " changes failed in " + dir, e);
        }
    }

    /** Makes every write so far durable: flushes the WAL buffer and fsyncs the WAL files. */
    void syncWal() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new RocksDbStoreException("sync of the write-ahead log failed in " + dir, e);
        }
    }

    Snapshot snapshot() {
        return db.getSnapshot();
    }

    void release(Snapshot snapshot) {
        db.releaseSnapshot(snapshot);
    }

    @Override
    public void close() {
        RocksDbStoreException failure = new RocksDbStoreException("close of the metadata database failed in " + dir);
        closeAll(owned, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static <T extends AutoCloseable> T own(Deque<AutoCloseable> owned, T resource) {
        owned.push(resource);
        return resource;
    }

    /**
     * Closes in reverse creation order: column family handles before the database, the database
     * before its options, cache and filter. Failures are added to {@code failure} as suppressed.
     */
    private static void closeAll(Deque<AutoCloseable> owned, Throwable failure) {
        while (!owned.isEmpty()) {
            AutoCloseable resource = owned.pop();
            try {
                if (resource instanceof RocksDB db) {
                    db.closeE(); // close() would swallow the error
                } else {
                    resource.close();
                }
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static RocksDbStoreException failure(String operation, Cf cf, byte[] key, RocksDBException e) {
        String where = key.length >= Keys.ID && cf != Cf.META ? " " + Keys.getLong(key, 0) : "";
        return new RocksDbStoreException(operation + " of " + cf.keyKind + where + " failed", e);
    }
}
