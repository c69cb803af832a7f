package io.dittofs.store.metadata.postgres;

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
                return r.next() ? Optional.of(inode(fileId, r)) : Optional.empty();
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

    private static Inode inode(long fileId, ResultSet r) throws SQLException {
        return Inode.builder(fileId, r.getInt(1), type(fileId, r.getShort(2)))
                .mode(r.getInt(3))
                .uid(r.getInt(4))
                .gid(r.getInt(5))
                .nlink(r.getInt(6))
                .size(r.getLong(7))
                .atime(r.getLong(8))
                .mtime(r.getLong(9))
                .ctime(r.getLong(10))
                .birthtime(r.getLong(11))
                .change(r.getLong(12))
                .dosAttributes(r.getInt(13))
                .rdev(r.getLong(14))
                .parentId(r.getLong(15))
                .createVerifier(r.getLong(16))
                .symlinkTarget(r.getString(17))
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
}
