package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.support.GroupCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;

/**
 * A {@link MetadataStore} in an embedded RocksDB database: the durable default.
 *
 * <h2>Key layout</h2>
 *
 * Ids and cookies are 8-byte big-endian, so bytewise key order is numeric order for the positive
 * values the store uses and a directory's entries are one contiguous range. Names are UTF-8 (a
 * name with an unpaired surrogate is refused). {@code |} is concatenation.
 *
 * <table>
 *   <caption>Column families</caption>
 *   <tr><th>column family</th><th>key</th><th>value</th><th>serves</th></tr>
 *   <tr><td>{@code default}</td><td>{@code 0x00}</td><td>format version (1)</td><td>open</td></tr>
 *   <tr><td></td><td>{@code 0x01}</td><td>next file id</td><td>allocateFileId</td></tr>
 *   <tr><td></td><td>{@code 0x02}</td><td>inode count</td><td>inodeCount</td></tr>
 *   <tr><td></td><td>{@code 0x10|dirId}</td><td>the directory's next cookie</td><td>putEntry</td></tr>
 *   <tr><td>{@code inodes}</td><td>{@code fileId}</td><td>inode ({@link InodeCodec}: version
 *       byte, fixed-width fields)</td><td>inode</td></tr>
 *   <tr><td>{@code entries-by-cookie}</td><td>{@code dirId|cookie}</td><td>{@code childId|name}</td>
 *       <td>list, hasEntries (a range scan)</td></tr>
 *   <tr><td>{@code entries-by-name}</td><td>{@code dirId|name}</td><td>{@code cookie|childId}</td>
 *       <td>entry, putEntry's existence check</td></tr>
 *   <tr><td>{@code entries-by-folded-name}</td><td>{@code dirId|fold(name)|0x00|cookie}</td>
 *       <td>{@code childId|name}</td><td>entriesFolded (a prefix scan, in cookie order)</td></tr>
 *   <tr><td>{@code xattrs}</td><td>{@code fileId|name}</td><td>value</td><td>xattr, xattrNames (a
 *       prefix scan); deleted with the inode</td></tr>
 *   <tr><td>{@code state}</td><td>{@code kind|0x00|key}</td><td>value</td><td>stateRecord,
 *       stateRecords (a prefix scan per kind)</td></tr>
 * </table>
 *
 * <p>An entry is three keys, written and deleted together in one batch. Counters live beside the
 * data they count and change in the same batch, so a crash never separates them: the next file
 * id and a directory's next cookie only grow, across restarts too (a failed transaction may skip
 * ids, never reuse one). A deleted directory's cookie counter is deleted with it: ids are never
 * reused.
 *
 * <p>Why column families: each has one access pattern and is tuned for it. {@code inodes} and
 * {@code entries-by-name} are point lookups served by whole-key bloom filters; the by-cookie and
 * by-folded-name families are scanned within one directory, so they get an 8-byte (directory id)
 * prefix extractor and prefix bloom filters, which let a scan skip files that hold nothing of
 * that directory. Inodes are rewritten on every attribute change, entries only inserted and
 * deleted, so separate families also keep the churn of one from rewriting the other in
 * compaction. All families share one WAL, so a batch across them is still atomic.
 *
 * <h2>Transactions</h2>
 *
 * Writers are serialised: one write transaction at a time per store holds the writer lock, reads
 * the current database through its own {@link WriteBatchWithIndex} (so it sees its own writes),
 * and applies the batch in one atomic write before releasing the lock. No two writers interleave,
 * so there are no lost updates and no conflicts to retry; {@code work} runs exactly once. Read
 * transactions take no lock: each runs on a RocksDB snapshot, so it never sees half of a batch,
 * and runs concurrently with the writer and other readers. The writer holds the lock only while
 * its work runs in memory and while the batch goes into the WAL and memtables (microseconds);
 * it waits for durability after releasing it, which is what lets commits share a sync. An
 * optimistic {@code TransactionDB} was the alternative; it would conflict on every create (all
 * of them bump the next-file-id counter) and retry, for no gain at this write rate.
 *
 * <h2>Durability and group commit</h2>
 *
 * Every batch is written with {@code sync=false} (into the WAL's file, not yet fsynced). A SYNC
 * transaction then waits in {@link GroupCommit} until a WAL sync that began after its batch was
 * written has finished; concurrent SYNC committers share that one {@code FlushWAL(sync=true)}. A
 * DEFERRED transaction returns at once; the next SYNC transaction, {@link #sync()} or {@link
 * #close()} covers it, because the WAL is synced as a prefix. Readers may see a SYNC
 * transaction's changes a moment before they are durable (as with DEFERRED ones); a crash in
 * that moment loses them, but never a change whose {@code write} had returned. Recovery replays
 * the WAL to the last intact record (point-in-time recovery).
 *
 * <h2>Threading</h2>
 *
 * Thread-safe. Every RocksDB call is a JNI call and pins a virtual thread's carrier while it
 * runs, including a WAL fsync; callers on virtual threads should bound how many enter the store
 * at once. {@link #close} waits for running transactions and makes completed ones durable; a
 * transaction started after it throws {@link IllegalStateException}. Nested transactions on one
 * thread are not supported: a write inside a write throws.
 *
 * <p>Failures of RocksDB surface as {@link RocksDbStoreException}.
 */
public final class RocksDbMetadataStore implements MetadataStore {

    private final Database db;
    private final GroupCommit groupSync;
    /** Readers and writers hold it shared; {@link #close} exclusively. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** One write transaction at a time. */
    private final ReentrantLock writerLock = new ReentrantLock();

    /** Guarded by {@link #writerLock}. */
    private long nextFileId;
    /** Guarded by {@link #lifecycle}'s write lock; read under its read lock. */
    private boolean closed;

    private RocksDbMetadataStore(Database db, UnaryOperator<GroupCommit.Flush> walSync) {
        this.db = db;
        this.groupSync = new GroupCommit(walSync.apply(db::syncWal));
    }

    /**
     * Opens the store in {@code dir}, creating the directory and an empty database when there is
     * none.
     *
     * @throws RocksDbStoreException when the database cannot be opened or has another format
     */
    public static RocksDbMetadataStore open(Path dir, RocksDbSettings settings) {
        return open(dir, settings, UnaryOperator.identity());
    }

    /** As {@link #open(Path, RocksDbSettings)}, with the WAL sync wrapped (tests slow it down). */
    static RocksDbMetadataStore open(Path dir, RocksDbSettings settings, UnaryOperator<GroupCommit.Flush> walSync) {
        Objects.requireNonNull(settings, "settings");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the metadata directory " + dir, e);
        }
        Database db = Database.open(dir, settings);
        try {
            RocksDbMetadataStore store = new RocksDbMetadataStore(db, walSync);
            store.init(dir);
            return store;
        } catch (RuntimeException | Error e) {
            try {
                db.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void init(Path dir) {
        try (ReadOptions options = new ReadOptions()) {
            byte[] format = db.get(Cf.META, options, Keys.FORMAT_VERSION);
            if (format == null) {
                try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
                    db.put(batch, Cf.META, Keys.FORMAT_VERSION, Keys.id(Keys.FORMAT));
                    db.write(batch);
                }
                db.syncWal();
            } else if (format.length != Keys.ID || Keys.getLong(format, 0) != Keys.FORMAT) {
                throw new RocksDbStoreException("unknown metadata format in " + dir);
            }
            byte[] next = db.get(Cf.META, options, Keys.NEXT_FILE_ID);
            nextFileId = next == null ? ROOT_ID + 1 : Keys.getLong(next, 0);
        }
    }

    @Override
    public <T> T read(ReadTransaction<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            Snapshot snapshot = db.snapshot();
            try (ReadOptions options = new ReadOptions().setSnapshot(snapshot)) {
                StoreReader reader = new StoreReader(view(options));
                try {
                    return work.run(reader);
                } finally {
                    reader.end();
                }
            } finally {
                db.release(snapshot);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Durability durability, WriteTransaction<T> work) {
        Objects.requireNonNull(durability, "durability");
        if (writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a write transaction cannot run inside another");
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            T result;
            long ticket;
            writerLock.lock();
            try (ReadOptions options = new ReadOptions();
                    WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
                StoreWriter writer = new StoreWriter(db, batch, view(batch, options), () -> nextFileId++);
                try {
                    result = work.run(writer);
                    if (writer.finish(nextFileId)) {
                        db.write(batch);
                        ticket = groupSync.committed();
                    } else {
                        ticket = groupSync.lastTicket(); // SYNC still covers earlier DEFERRED writes
                    }
                } catch (RuntimeException | Error e) {
                    if (writer.allocatedFileIds()) {
                        persistNextFileId(e);
                    }
                    throw e;
                } finally {
                    writer.end();
                }
            } finally {
                writerLock.unlock();
            }
            if (durability == Durability.SYNC) {
                groupSync.awaitDurable(ticket);
            }
            return result;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * After a failed transaction that allocated ids: records the counter on its own, so the ids it
     * handed out are not handed out again after a restart either. Not synced: the failed work had
     * no effects outside the store, so losing this record in a crash loses nothing.
     */
    private void persistNextFileId(Throwable failure) {
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            db.put(batch, Cf.META, Keys.NEXT_FILE_ID, Keys.id(nextFileId));
            db.write(batch); // no ticket: no caller waits for it, and the next commit's sync covers it
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void sync() {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            groupSync.awaitDurable(groupSync.lastTicket());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Makes every completed write durable and closes the database. Waits for running
     * transactions; idempotent.
     */
    @Override
    public void close() {
        if (lifecycle.getReadHoldCount() > 0) {
            throw new IllegalStateException("close inside a transaction");
        }
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                groupSync.awaitDurable(groupSync.lastTicket());
            } finally {
                db.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** WAL syncs so far: with group commit, far fewer than {@link #commits()} under load. */
    public long walSyncs() {
        return groupSync.flushes();
    }

    /** Write transactions that wrote something, so far. */
    public long commits() {
        return groupSync.commits();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the metadata store is closed");
        }
    }

    private StoreReader.View view(ReadOptions options) {
        return StoreReader.View.of(db, options);
    }

    private StoreReader.View view(WriteBatchWithIndex batch, ReadOptions options) {
        return new StoreReader.View() {
            @Override
            public byte @Nullable [] get(Cf cf, byte[] key) {
                return db.get(batch, cf, options, key);
            }

            @Override
            public RocksIterator iterator(Cf cf) {
                return db.iterator(batch, cf, options);
            }
        };
    }
}
