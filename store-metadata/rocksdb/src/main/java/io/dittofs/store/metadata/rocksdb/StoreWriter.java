package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.PackRecord;
import io.dittofs.store.metadata.StateRecord;
import io.dittofs.store.metadata.Xattrs;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.WriteBatchWithIndex;

/**
 * The changes of one write transaction, collected in a {@link WriteBatchWithIndex} so the
 * transaction reads its own writes, and applied by the store in one atomic write.
 *
 * <p>Threading: runs only while the store's writer lock is held, so the database does not change
 * under it and read-modify-write of counters is safe.
 */
final class StoreWriter extends StoreReader implements MetadataWriter {

    /** Allocates file ids; the store's counter, guarded by its writer lock. */
    interface FileIds {
        long next();
    }

    private final Database db;
    private final WriteBatchWithIndex batch;
    private final FileIds fileIds;
    private long inodeCountDelta;
    private boolean allocated;

    StoreWriter(Database db, WriteBatchWithIndex batch, View view, FileIds fileIds) {
        super(view);
        this.db = db;
        this.batch = batch;
        this.fileIds = fileIds;
    }

    @Override
    public long allocateFileId() {
        allocated = true;
        return fileIds.next();
    }

    /** Whether this transaction handed out a file id. */
    boolean allocatedFileIds() {
        return allocated;
    }

    @Override
    public void putInode(Inode inode) {
        byte[] key = Keys.id(inode.fileId());
        if (get(Cf.INODES, key) == null) {
            inodeCountDelta++;
        }
        db.put(batch, Cf.INODES, key, InodeCodec.encode(inode));
    }

    @Override
    public boolean deleteInode(long fileId) {
        byte[] key = Keys.id(fileId);
        byte[] previous = get(Cf.INODES, key);
        if (previous == null) {
            return false;
        }
        db.delete(batch, Cf.INODES, key);
        inodeCountDelta--;
        // Collected first: deleting while the batch-backed iterator walks the same keys is not safe.
        List<byte[]> attrs = new ArrayList<>();
        scan(Cf.XATTRS, key, (k, v) -> attrs.add(k));
        for (byte[] k : attrs) {
            db.delete(batch, Cf.XATTRS, k);
        }
        if (InodeCodec.decode(fileId, previous).type() == FileType.DIRECTORY) {
            // Directory ids are never reused, so the counter dies with the directory.
            db.delete(batch, Cf.META, Keys.nextCookie(fileId));
        }
        return true;
    }

    @Override
    public DirEntry putEntry(long dirId, String name, long childId) {
        byte[] nameBytes = Keys.utf8(name);
        byte[] byName = Keys.byName(dirId, nameBytes);
        if (get(Cf.ENTRIES_BY_NAME, byName) != null) {
            throw new IllegalStateException("entry exists: " + dirId + "/" + name);
        }
        byte[] counterKey = Keys.nextCookie(dirId);
        long cookie = counter(counterKey, DirPage.FIRST_COOKIE);
        db.put(batch, Cf.META, counterKey, Keys.id(cookie + 1));
        byte[] childAndName = Keys.childAndName(childId, nameBytes);
        db.put(batch, Cf.ENTRIES_BY_NAME, byName, Keys.cookieAndChild(cookie, childId));
        db.put(batch, Cf.ENTRIES_BY_COOKIE, Keys.byCookie(dirId, cookie), childAndName);
        db.put(batch, Cf.ENTRIES_BY_FOLDED_NAME, Keys.byFoldedName(dirId, name, cookie), childAndName);
        return new DirEntry(dirId, name, childId, cookie);
    }

    @Override
    public boolean removeEntry(long dirId, String name) {
        byte[] byName = Keys.byName(dirId, Keys.utf8(name));
        byte[] v = get(Cf.ENTRIES_BY_NAME, byName);
        if (v == null) {
            return false;
        }
        long cookie = Keys.getLong(v, 0);
        db.delete(batch, Cf.ENTRIES_BY_NAME, byName);
        db.delete(batch, Cf.ENTRIES_BY_COOKIE, Keys.byCookie(dirId, cookie));
        db.delete(batch, Cf.ENTRIES_BY_FOLDED_NAME, Keys.byFoldedName(dirId, name, cookie));
        return true;
    }

    @Override
    public void putXattr(long fileId, String name, byte[] value) {
        Xattrs.checkName(name);
        // The batch copies the value, so the store keeps its own copy.
        db.put(batch, Cf.XATTRS, Keys.xattr(fileId, name), Xattrs.checkValue(value));
    }

    @Override
    public boolean removeXattr(long fileId, String name) {
        byte[] key = Keys.xattr(fileId, name);
        if (get(Cf.XATTRS, key) == null) {
            return false;
        }
        db.delete(batch, Cf.XATTRS, key);
        return true;
    }

    @Override
    public void putStateRecord(String kind, byte[] key, byte[] value) {
        StateRecord.checkKind(kind);
        db.put(batch, Cf.STATE, Keys.state(kind, StateRecord.checkKey(key)), StateRecord.checkValue(value));
    }

    @Override
    public boolean removeStateRecord(String kind, byte[] key) {
        byte[] k = Keys.state(StateRecord.checkKind(kind), key);
        if (get(Cf.STATE, k) == null) {
            return false;
        }
        db.delete(batch, Cf.STATE, k);
        return true;
    }

    @Override
    public long inodeCount() {
        return super.inodeCount() + inodeCountDelta;
    }

    @Override
    public void putExtent(ContentExtent extent) {
        db.put(batch, Cf.META, ContentKeys.extent(extent.fileId(), extent.offset()), ContentKeys.extentValue(extent));
    }

    @Override
    public boolean deleteExtent(long fileId, long offset) {
        byte[] key = ContentKeys.extent(fileId, offset);
        if (get(Cf.META, key) == null) {
            return false;
        }
        db.delete(batch, Cf.META, key);
        return true;
    }

    @Override
    public void putChunk(ChunkRecord chunk) {
        db.put(batch, Cf.META, ContentKeys.chunk(chunk.chunkId()), ContentKeys.chunkValue(chunk));
    }

    @Override
    public boolean deleteChunk(String chunkId) {
        byte[] key = ContentKeys.chunk(chunkId);
        if (get(Cf.META, key) == null) {
            return false;
        }
        db.delete(batch, Cf.META, key);
        return true;
    }

    @Override
    public void putPack(PackRecord pack) {
        db.put(batch, Cf.META, ContentKeys.pack(pack.packKey()), ContentKeys.packValue(pack));
    }

    @Override
    public boolean deletePack(String packKey) {
        byte[] key = ContentKeys.pack(packKey);
        if (get(Cf.META, key) == null) {
            return false;
        }
        db.delete(batch, Cf.META, key);
        return true;
    }

    /**
     * Adds the counters to the batch. Returns whether there is anything to write.
     *
     * @param nextFileId the store's next file id, persisted when this transaction allocated one
     */
    boolean finish(long nextFileId) {
        if (allocated) {
            db.put(batch, Cf.META, Keys.NEXT_FILE_ID, Keys.id(nextFileId));
        }
        if (inodeCountDelta != 0) {
            db.put(batch, Cf.META, Keys.INODE_COUNT, Keys.id(inodeCount()));
            inodeCountDelta = 0;
        }
        return batch.count() > 0;
    }
}
