package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.NameFolding;
import io.dittofs.store.metadata.PackRecord;
import io.dittofs.store.metadata.StateRecord;
import io.dittofs.store.metadata.Xattrs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.Set;

/**
 * The changes of a write transaction, made directly on its (READ COMMITTED) connection, under
 * transaction-scoped advisory locks ({@link TransactionLocks}) on every file id and state kind it
 * reads or changes: strict two-phase locking, so write transactions are serializable without
 * serialization failures.
 */
final class SqlWriter extends SqlReader implements MetadataWriter {

    private static final String PUT_INODE = "INSERT INTO inodes (file_id, " + INODE_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (file_id) DO UPDATE SET"
            + " generation = EXCLUDED.generation, type = EXCLUDED.type, mode = EXCLUDED.mode, uid = EXCLUDED.uid,"
            + " gid = EXCLUDED.gid, nlink = EXCLUDED.nlink, size = EXCLUDED.size, atime = EXCLUDED.atime,"
            + " mtime = EXCLUDED.mtime, ctime = EXCLUDED.ctime, birthtime = EXCLUDED.birthtime,"
            + " change = EXCLUDED.change, dos_attributes = EXCLUDED.dos_attributes, rdev = EXCLUDED.rdev,"
            + " parent_id = EXCLUDED.parent_id, create_verifier = EXCLUDED.create_verifier,"
            + " symlink_target = EXCLUDED.symlink_target";

    /** Takes the directory's next cookie and inserts the entry in one round trip. */
    private static final String PUT_ENTRY = "WITH c AS (INSERT INTO directories (dir_id, next_cookie) VALUES (?, ?)"
            + " ON CONFLICT (dir_id) DO UPDATE SET next_cookie = directories.next_cookie + 1"
            + " RETURNING next_cookie - 1 AS cookie)"
            + " INSERT INTO entries (dir_id, name, child_id, cookie, folded) SELECT ?, ?, ?, cookie, ? FROM c"
            + " ON CONFLICT (dir_id, name) DO NOTHING RETURNING cookie";

    private final TransactionLocks locks;
    /** Ids this transaction allocated: nobody else knows them yet, so they need no lock. */
    private final Set<Long> allocated = new HashSet<>();

    private boolean wrote;

    SqlWriter(Connection connection, TransactionLocks locks) {
        super(connection);
        this.locks = locks;
    }

    @Override
    void lockId(long fileId) throws SQLException {
        if (!allocated.contains(fileId)) {
            locks.lockId(connection, fileId);
        }
    }

    @Override
    void lockKind(String kind) throws SQLException {
        locks.lockKind(connection, kind);
    }

    /** Whether this transaction changed anything (so its commit flushes the WAL). */
    boolean wrote() {
        return wrote;
    }

    @Override
    public long allocateFileId() {
        try (PreparedStatement s = prepare("SELECT nextval('file_ids')");
                ResultSet r = s.executeQuery()) {
            r.next();
            long id = r.getLong(1);
            allocated.add(id);
            return id;
        } catch (SQLException e) {
            throw RetryableFailure.of("file id allocation", e);
        }
    }

    @Override
    public void putInode(Inode inode) {
        String target = inode.symlinkTarget();
        try (PreparedStatement s = lockThen(inode.fileId(), PUT_INODE)) {
            s.setLong(1, inode.fileId());
            s.setInt(2, inode.generation());
            s.setShort(3, typeCode(inode.type()));
            s.setInt(4, inode.mode());
            s.setInt(5, inode.uid());
            s.setInt(6, inode.gid());
            s.setInt(7, inode.nlink());
            s.setLong(8, inode.size());
            s.setLong(9, inode.atime());
            s.setLong(10, inode.mtime());
            s.setLong(11, inode.ctime());
            s.setLong(12, inode.birthtime());
            s.setLong(13, inode.change());
            s.setInt(14, inode.dosAttributes());
            s.setLong(15, inode.rdev());
            s.setLong(16, inode.parentId());
            s.setLong(17, inode.createVerifier());
            if (target == null) {
                s.setNull(18, Types.VARCHAR);
            } else {
                s.setString(18, Names.check(target));
            }
            s.executeUpdate();
            wrote = true;
        } catch (SQLException e) {
            throw RetryableFailure.of("write of inode " + inode.fileId(), e);
        }
    }

    @Override
    public boolean deleteInode(long fileId) {
        try (PreparedStatement s = lockThen(fileId, "DELETE FROM inodes WHERE file_id = ? RETURNING type")) {
            s.setLong(1, fileId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                wrote = true;
                try (PreparedStatement x = prepare("DELETE FROM xattrs WHERE file_id = ?")) {
                    x.setLong(1, fileId);
                    x.executeUpdate();
                }
                if (r.getShort(1) == typeCode(FileType.DIRECTORY)) {
                    // Directory ids are never reused, so the counter dies with the directory.
                    try (PreparedStatement d = prepare("DELETE FROM directories WHERE dir_id = ?")) {
                        d.setLong(1, fileId);
                        d.executeUpdate();
                    }
                }
                return true;
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("delete of inode " + fileId, e);
        }
    }

    @Override
    public DirEntry putEntry(long dirId, String name, long childId) {
        try (PreparedStatement s = lockThen(dirId, PUT_ENTRY)) {
            s.setLong(1, dirId);
            s.setLong(2, DirPage.FIRST_COOKIE + 1);
            s.setLong(3, dirId);
            s.setString(4, Names.check(name));
            s.setLong(5, childId);
            s.setString(6, NameFolding.fold(name));
            try (ResultSet r = s.executeQuery()) {
                wrote = true;
                if (!r.next()) {
                    // The cookie taken is skipped; cookies need only grow.
                    throw new IllegalStateException("entry exists: " + dirId + "/" + name);
                }
                return new DirEntry(dirId, name, childId, r.getLong(1));
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("insert of an entry in directory " + dirId, e);
        }
    }

    @Override
    public boolean removeEntry(long dirId, String name) {
        return deleteNamed(
                dirId, name, "DELETE FROM entries WHERE dir_id = ? AND name = ?", "an entry in directory " + dirId);
    }

    @Override
    public void putXattr(long fileId, String name, byte[] value) {
        Xattrs.checkName(name);
        Xattrs.checkValue(value);
        try (PreparedStatement s = lockThen(
                fileId,
                "INSERT INTO xattrs (file_id, name, value) VALUES (?, ?, ?)"
                        + " ON CONFLICT (file_id, name) DO UPDATE SET value = EXCLUDED.value")) {
            s.setLong(1, fileId);
            s.setString(2, name);
            s.setBytes(3, value);
            s.executeUpdate();
            wrote = true;
        } catch (SQLException e) {
            throw RetryableFailure.of("write of an extended attribute of " + fileId, e);
        }
    }

    @Override
    public boolean removeXattr(long fileId, String name) {
        return deleteNamed(
                fileId,
                name,
                "DELETE FROM xattrs WHERE file_id = ? AND name = ?",
                "an extended attribute of " + fileId);
    }

    /** Runs {@code sql} (a DELETE by id and name) after locking {@code id}; whether a row went. */
    private boolean deleteNamed(long id, String name, String sql, String what) {
        try (PreparedStatement s = lockThen(id, sql)) {
            s.setLong(1, id);
            s.setString(2, Names.check(name));
            boolean removed = s.executeUpdate() > 0;
            wrote |= removed;
            return removed;
        } catch (SQLException e) {
            throw RetryableFailure.of("removal of " + what, e);
        }
    }

    @Override
    public void putStateRecord(String kind, byte[] key, byte[] value) {
        StateRecord.checkKind(kind);
        StateRecord.checkKey(key);
        StateRecord.checkValue(value);
        try {
            lockKind(kind);
            try (PreparedStatement s = prepare("INSERT INTO state_records (kind, key, value) VALUES (?, ?, ?)"
                    + " ON CONFLICT (kind, key) DO UPDATE SET value = EXCLUDED.value")) {
                s.setString(1, kind);
                s.setBytes(2, key);
                s.setBytes(3, value);
                s.executeUpdate();
                wrote = true;
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("write of a state record of kind " + kind, e);
        }
    }

    @Override
    public boolean removeStateRecord(String kind, byte[] key) {
        try {
            lockKind(StateRecord.checkKind(kind));
            try (PreparedStatement s = prepare("DELETE FROM state_records WHERE kind = ? AND key = ?")) {
                s.setString(1, kind);
                s.setBytes(2, key);
                boolean removed = s.executeUpdate() > 0;
                wrote |= removed;
                return removed;
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("removal of a state record of kind " + kind, e);
        }
    }

    private PreparedStatement lockThen(long fileId, String sql) throws SQLException {
        lockId(fileId);
        return prepare(sql);
    }

    @Override
    public void putExtent(ContentExtent extent) {
        lockContentOf(extent.fileId());
        ContentSql.putExtent(this::prepare, extent);
        wrote = true;
    }

    @Override
    public boolean deleteExtent(long fileId, long offset) {
        lockContentOf(fileId);
        boolean deleted = ContentSql.deleteExtent(this::prepare, fileId, offset);
        wrote |= deleted;
        return deleted;
    }

    @Override
    public void putChunk(ChunkRecord chunk) {
        lockChunk(chunk.chunkId());
        ContentSql.putChunk(this::prepare, chunk);
        wrote = true;
    }

    @Override
    public boolean deleteChunk(String chunkId) {
        lockChunk(chunkId);
        boolean deleted = ContentSql.deleteChunk(this::prepare, chunkId);
        wrote |= deleted;
        return deleted;
    }

    @Override
    public void putPack(PackRecord pack) {
        lockPack(pack.packKey());
        ContentSql.putPack(this::prepare, pack);
        wrote = true;
    }

    @Override
    public boolean deletePack(String packKey) {
        lockPack(packKey);
        boolean deleted = ContentSql.deletePack(this::prepare, packKey);
        wrote |= deleted;
        return deleted;
    }
}
