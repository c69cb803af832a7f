package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataReader;
import io.dittofs.store.metadata.PackRecord;
import io.dittofs.store.metadata.StateRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of a transaction on one connection. The driver turns statements used repeatedly on a
 * connection into server-side prepared statements.
 *
 * <p>Threading: used by the thread running the transaction's work, until the transaction ends.
 */
class SqlReader implements MetadataReader {

    static final String INODE_COLUMNS = "generation, type, mode, uid, gid, nlink, size, atime, mtime, ctime,"
            + " birthtime, change, dos_attributes, rdev, parent_id, create_verifier, symlink_target";

    final Connection connection;
    private boolean ended;

    SqlReader(Connection connection) {
        this.connection = connection;
    }

    void end() {
        ended = true;
    }

    /**
     * Called before any read or change of inode {@code fileId}, its extended attributes, or (for a
     * directory) its entries. Nothing here: a read transaction reads one snapshot. A write
     * transaction locks.
     */
    void lockId(long fileId) throws SQLException {}

    /** Called before any read or change of state records of {@code kind}. */
    void lockKind(String kind) throws SQLException {}

    final PreparedStatement prepare(String sql) throws SQLException {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        return connection.prepareStatement(sql);
    }

    @Override
    public Optional<Inode> inode(long fileId) {
        try (PreparedStatement s =
                lockThenPrepare(fileId, "SELECT " + INODE_COLUMNS + " FROM inodes WHERE file_id = ?")) {
            s.setLong(1, fileId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(inode(fileId, r, 0)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("read of inode " + fileId, e);
        }
    }

    @Override
    public Optional<DirEntry> entry(long dirId, String name) {
        try (PreparedStatement s =
                lockThenPrepare(dirId, "SELECT child_id, cookie FROM entries WHERE dir_id = ? AND name = ?")) {
            s.setLong(1, dirId);
            s.setString(2, Names.check(name));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new DirEntry(dirId, name, r.getLong(1), r.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("lookup in directory " + dirId, e);
        }
    }

    @Override
    public List<DirEntry> entriesFolded(long dirId, String foldedName) {
        try (PreparedStatement s = lockThenPrepare(
                dirId, "SELECT name, child_id, cookie FROM entries WHERE dir_id = ? AND folded = ? ORDER BY cookie")) {
            s.setLong(1, dirId);
            s.setString(2, Names.check(foldedName));
            return entries(dirId, s, Integer.MAX_VALUE);
        } catch (SQLException e) {
            throw RetryableFailure.of("case-insensitive lookup in directory " + dirId, e);
        }
    }

    @Override
    public DirPage list(long dirId, long afterCookie, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        try (PreparedStatement s = lockThenPrepare(
                dirId,
                "SELECT name, child_id, cookie FROM entries WHERE dir_id = ? AND cookie > ?"
                        + " ORDER BY cookie LIMIT ?")) {
            s.setLong(1, dirId);
            s.setLong(2, afterCookie);
            s.setLong(3, (long) limit + 1);
            List<DirEntry> page = entries(dirId, s, limit + 1L);
            boolean eof = page.size() <= limit;
            return new DirPage(eof ? page : page.subList(0, limit), eof);
        } catch (SQLException e) {
            throw RetryableFailure.of("listing of directory " + dirId, e);
        }
    }

    @Override
    public boolean hasEntries(long dirId) {
        try (PreparedStatement s = lockThenPrepare(dirId, "SELECT EXISTS (SELECT 1 FROM entries WHERE dir_id = ?)")) {
            s.setLong(1, dirId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("emptiness check of directory " + dirId, e);
        }
    }

    @Override
    public List<Inode> inodes(long afterFileId, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        try (PreparedStatement s = prepare(
                "SELECT file_id, " + INODE_COLUMNS + " FROM inodes WHERE file_id > ? ORDER BY file_id LIMIT ?")) {
            s.setLong(1, afterFileId);
            s.setInt(2, limit);
            List<Inode> page = new ArrayList<>(Math.min(limit, 256));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    page.add(inode(r.getLong(1), r, 1));
                }
            }
            return page;
        } catch (SQLException e) {
            throw RetryableFailure.of("scan of inodes after " + afterFileId, e);
        }
    }

    @Override
    public long inodeCount() {
        try (PreparedStatement s = prepare("SELECT count(*) FROM inodes");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw RetryableFailure.of("count of inodes", e);
        }
    }

    /** Locks {@code fileId} (in a write transaction) before preparing {@code sql}. */
    private PreparedStatement lockThenPrepare(long fileId, String sql) throws SQLException {
        lockId(fileId);
        return prepare(sql);
    }

    /** One query for every inode of {@code fileIds}: a listing with attributes costs one round trip. */
    @Override
    public Map<Long, Inode> inodes(Collection<Long> fileIds) {
        Map<Long, Inode> found = new LinkedHashMap<>();
        if (fileIds.isEmpty()) {
            return found;
        }
        try {
            for (long id : fileIds.stream().sorted().distinct().toList()) {
                lockId(id);
            }
            Map<Long, Inode> byId = new HashMap<>();
            try (PreparedStatement s =
                    prepare("SELECT file_id, " + INODE_COLUMNS + " FROM inodes WHERE file_id = ANY (?)")) {
                Array ids = connection.createArrayOf("bigint", fileIds.toArray());
                s.setArray(1, ids);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byId.put(r.getLong(1), inode(r.getLong(1), r, 1));
                    }
                } finally {
                    ids.free();
                }
            }
            for (long id : fileIds) {
                Inode i = byId.get(id);
                if (i != null) {
                    found.put(id, i);
                }
            }
            return found;
        } catch (SQLException e) {
            throw RetryableFailure.of("read of " + fileIds.size() + " inodes", e);
        }
    }

    @Override
    public Optional<byte[]> xattr(long fileId, String name) {
        try (PreparedStatement s = lockThenPrepare(fileId, "SELECT value FROM xattrs WHERE file_id = ? AND name = ?")) {
            s.setLong(1, fileId);
            s.setString(2, Names.check(name));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("read of an extended attribute of " + fileId, e);
        }
    }

    @Override
    public List<String> xattrNames(long fileId) {
        try (PreparedStatement s = lockThenPrepare(fileId, "SELECT name FROM xattrs WHERE file_id = ? ORDER BY name")) {
            s.setLong(1, fileId);
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw RetryableFailure.of("listing of the extended attributes of " + fileId, e);
        }
    }

    @Override
    public Optional<byte[]> stateRecord(String kind, byte[] key) {
        try {
            lockKind(StateRecord.checkKind(kind));
            try (PreparedStatement s = prepare("SELECT value FROM state_records WHERE kind = ? AND key = ?")) {
                s.setString(1, kind);
                s.setBytes(2, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("read of a state record of kind " + kind, e);
        }
    }

    @Override
    public List<StateRecord> stateRecords(String kind) {
        try {
            lockKind(StateRecord.checkKind(kind));
            try (PreparedStatement s = prepare("SELECT key, value FROM state_records WHERE kind = ? ORDER BY key")) {
                s.setString(1, kind);
                List<StateRecord> records = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        records.add(new StateRecord(kind, r.getBytes(1), r.getBytes(2)));
                    }
                }
                return records;
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("listing of the state records of kind " + kind, e);
        }
    }

    private static List<DirEntry> entries(long dirId, PreparedStatement s, long max) throws SQLException {
        List<DirEntry> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next() && found.size() < max) {
                found.add(new DirEntry(dirId, r.getString(1), r.getLong(2), r.getLong(3)));
            }
        }
        return found;
    }

    /** The inode in the row, whose {@link #INODE_COLUMNS} start after column {@code skip}. */
    private static Inode inode(long fileId, ResultSet r, int skip) throws SQLException {
        return Inode.builder(fileId, r.getInt(skip + 1), type(fileId, r.getShort(skip + 2)))
                .mode(r.getInt(skip + 3))
                .uid(r.getInt(skip + 4))
                .gid(r.getInt(skip + 5))
                .nlink(r.getInt(skip + 6))
                .size(r.getLong(skip + 7))
                .atime(r.getLong(skip + 8))
                .mtime(r.getLong(skip + 9))
                .ctime(r.getLong(skip + 10))
                .birthtime(r.getLong(skip + 11))
                .change(r.getLong(skip + 12))
                .dosAttributes(r.getInt(skip + 13))
                .rdev(r.getLong(skip + 14))
                .parentId(r.getLong(skip + 15))
                .createVerifier(r.getLong(skip + 16))
                .symlinkTarget(r.getString(skip + 17))
                .build();
    }

    /** Stable codes, independent of the enum's declaration order; the schema documents them. */
    static short typeCode(FileType type) {
        return switch (type) {
            case REGULAR -> 1;
            case DIRECTORY -> 2;
            case SYMLINK -> 3;
            case BLOCK_DEVICE -> 4;
            case CHAR_DEVICE -> 5;
            case SOCKET -> 6;
            case FIFO -> 7;
        };
    }

    private static FileType type(long fileId, short code) {
        return switch (code) {
            case 1 -> FileType.REGULAR;
            case 2 -> FileType.DIRECTORY;
            case 3 -> FileType.SYMLINK;
            case 4 -> FileType.BLOCK_DEVICE;
            case 5 -> FileType.CHAR_DEVICE;
            case 6 -> FileType.SOCKET;
            case 7 -> FileType.FIFO;
            default -> throw new PostgresStoreException("inode " + fileId + " has unknown type code " + code);
        };
    }

    @Override
    public List<ContentExtent> extents(long fileId, long fromOffset, int limit) {
        lockContentOf(fileId);
        return ContentSql.extents(this::prepare, fileId, fromOffset, limit);
    }

    @Override
    public Optional<ChunkRecord> chunk(String chunkId) {
        lockChunk(chunkId);
        return ContentSql.chunk(this::prepare, chunkId);
    }

    /**
     * A write transaction locks a file's content map like its inode, before reading it, so that
     * two rollups of one file never interleave (see {@link TransactionLocks}).
     */
    final void lockContentOf(long fileId) {
        try {
            lockId(fileId);
        } catch (SQLException e) {
            throw RetryableFailure.of("lock of the content map of file " + fileId, e);
        }
    }

    /**
     * A write transaction locks a chunk's index row before reading it: reference counts are
     * read, changed and written back, and at READ COMMITTED two unlocked increments would lose one.
     */
    final void lockChunk(String chunkId) {
        try {
            lockKind("chunk:" + chunkId);
        } catch (SQLException e) {
            throw RetryableFailure.of("lock of chunk " + chunkId, e);
        }
    }

    @Override
    public List<ChunkRecord> chunks(String afterChunkId, int limit) {
        return ContentSql.chunks(this::prepare, afterChunkId, limit);
    }

    @Override
    public Optional<PackRecord> pack(String packKey) {
        lockPack(packKey);
        return ContentSql.pack(this::prepare, packKey);
    }

    /** Like {@link #lockChunk}: a pack's live counts are read, changed and written back. */
    final void lockPack(String packKey) {
        try {
            lockKind("pack:" + packKey);
        } catch (SQLException e) {
            throw RetryableFailure.of("lock of pack " + packKey, e);
        }
    }

    @Override
    public List<PackRecord> packs(String afterPackKey, int limit) {
        return ContentSql.packs(this::prepare, afterPackKey, limit);
    }
}
