package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.NameFolding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The changes of a write transaction, made directly on its (SERIALIZABLE) connection. */
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

    private boolean wrote;

    SqlWriter(Connection connection) {
        super(connection);
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
            return r.getLong(1);
        } catch (SQLException e) {
            throw RetryableFailure.of("file id allocation", e);
        }
    }

    @Override
    public void putInode(Inode inode) {
        String target = inode.symlinkTarget();
        try (PreparedStatement s = prepare(PUT_INODE)) {
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
        try (PreparedStatement s = prepare("DELETE FROM inodes WHERE file_id = ? RETURNING type")) {
            s.setLong(1, fileId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                wrote = true;
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
        try (PreparedStatement s = prepare(PUT_ENTRY)) {
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
        try (PreparedStatement s = prepare("DELETE FROM entries WHERE dir_id = ? AND name = ?")) {
            s.setLong(1, dirId);
            s.setString(2, Names.check(name));
            boolean removed = s.executeUpdate() > 0;
            wrote |= removed;
            return removed;
        } catch (SQLException e) {
            throw RetryableFailure.of("removal of an entry in directory " + dirId, e);
        }
    }

    @Override
    public void putExtent(ContentExtent extent) {
        ContentSql.putExtent(this::prepare, extent);
        wrote = true;
    }

    @Override
    public boolean deleteExtent(long fileId, long offset) {
        boolean deleted = ContentSql.deleteExtent(this::prepare, fileId, offset);
        wrote |= deleted;
        return deleted;
    }

    @Override
    public void putChunk(ChunkRecord chunk) {
        ContentSql.putChunk(this::prepare, chunk);
        wrote = true;
    }

    @Override
    public boolean deleteChunk(String chunkId) {
        boolean deleted = ContentSql.deleteChunk(this::prepare, chunkId);
        wrote |= deleted;
        return deleted;
    }
}
