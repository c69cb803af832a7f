package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    final PreparedStatement prepare(String sql) throws SQLException {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        return connection.prepareStatement(sql);
    }

    @Override
    public Optional<Inode> inode(long fileId) {
        try (PreparedStatement s = prepare("SELECT " + INODE_COLUMNS + " FROM inodes WHERE file_id = ?")) {
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
        try (PreparedStatement s = prepare("SELECT child_id, cookie FROM entries WHERE dir_id = ? AND name = ?")) {
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
        try (PreparedStatement s =
                prepare("SELECT name, child_id, cookie FROM entries WHERE dir_id = ? AND folded = ? ORDER BY cookie")) {
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
        try (PreparedStatement s = prepare("SELECT name, child_id, cookie FROM entries WHERE dir_id = ? AND cookie > ?"
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
        try (PreparedStatement s = prepare("SELECT EXISTS (SELECT 1 FROM entries WHERE dir_id = ?)")) {
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
        return ContentSql.extents(this::prepare, fileId, fromOffset, limit);
    }

    @Override
    public Optional<ChunkRecord> chunk(String chunkId) {
        return ContentSql.chunk(this::prepare, chunkId);
    }

    @Override
    public List<ChunkRecord> chunks(String afterChunkId, int limit) {
        return ContentSql.chunks(this::prepare, afterChunkId, limit);
    }
}
