package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The content map and chunk index statements (schema version 2), run on a transaction's connection. */
final class ContentSql {
    /** Prepares a statement on the transaction's connection. */
    @FunctionalInterface
    interface Statements {
        PreparedStatement prepare(String sql) throws SQLException;
    }

    private static final String CHUNK_COLUMNS = "chunk_id, object_key, length, ref_count, unreferenced_since";

    private ContentSql() {}

    static List<ContentExtent> extents(Statements st, long fileId, long fromOffset, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        // The extent holding fromOffset starts at the greatest offset <= fromOffset: both halves use the key.
        String sql = "SELECT file_offset, length, chunk_id FROM content_extents WHERE file_id = ? AND file_offset >="
                + " coalesce((SELECT max(file_offset) FROM content_extents WHERE file_id = ? AND file_offset <= ?), 0)"
                + " AND file_offset + length > ? ORDER BY file_offset LIMIT ?";
        try (PreparedStatement s = st.prepare(sql)) {
            s.setLong(1, fileId);
            s.setLong(2, fileId);
            s.setLong(3, fromOffset);
            s.setLong(4, fromOffset);
            s.setInt(5, limit);
            List<ContentExtent> page = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    page.add(new ContentExtent(fileId, r.getLong(1), r.getInt(2), r.getString(3)));
                }
            }
            return page;
        } catch (SQLException e) {
            throw RetryableFailure.of("read of the content map of " + fileId, e);
        }
    }

    static Optional<ChunkRecord> chunk(Statements st, String chunkId) {
        try (PreparedStatement s = st.prepare("SELECT " + CHUNK_COLUMNS + " FROM chunks WHERE chunk_id = ?")) {
            s.setString(1, chunkId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(chunk(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("read of chunk " + chunkId, e);
        }
    }

    static List<ChunkRecord> chunks(Statements st, String afterChunkId, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        try (PreparedStatement s =
                st.prepare("SELECT " + CHUNK_COLUMNS + " FROM chunks WHERE chunk_id > ? ORDER BY chunk_id LIMIT ?")) {
            s.setString(1, afterChunkId);
            s.setInt(2, limit);
            List<ChunkRecord> page = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    page.add(chunk(r));
                }
            }
            return page;
        } catch (SQLException e) {
            throw RetryableFailure.of("scan of the chunk index", e);
        }
    }

    static void putExtent(Statements st, ContentExtent e) {
        try (PreparedStatement s = st.prepare("INSERT INTO content_extents (file_id, file_offset, length, chunk_id)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (file_id, file_offset) DO UPDATE SET length = EXCLUDED.length,"
                + " chunk_id = EXCLUDED.chunk_id")) {
            s.setLong(1, e.fileId());
            s.setLong(2, e.offset());
            s.setInt(3, e.length());
            s.setString(4, e.chunkId());
            s.executeUpdate();
        } catch (SQLException ex) {
            throw RetryableFailure.of("write of an extent of " + e.fileId(), ex);
        }
    }

    static boolean deleteExtent(Statements st, long fileId, long offset) {
        try (PreparedStatement s = st.prepare("DELETE FROM content_extents WHERE file_id = ? AND file_offset = ?")) {
            s.setLong(1, fileId);
            s.setLong(2, offset);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw RetryableFailure.of("delete of an extent of " + fileId, e);
        }
    }

    static void putChunk(Statements st, ChunkRecord c) {
        try (PreparedStatement s = st.prepare("INSERT INTO chunks (" + CHUNK_COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (chunk_id) DO UPDATE SET object_key = EXCLUDED.object_key, length = EXCLUDED.length,"
                + " ref_count = EXCLUDED.ref_count, unreferenced_since = EXCLUDED.unreferenced_since")) {
            s.setString(1, c.chunkId());
            s.setString(2, c.objectKey());
            s.setInt(3, c.length());
            s.setLong(4, c.refCount());
            s.setLong(5, c.unreferencedSince());
            s.executeUpdate();
        } catch (SQLException e) {
            throw RetryableFailure.of("write of chunk " + c.chunkId(), e);
        }
    }

    static boolean deleteChunk(Statements st, String chunkId) {
        try (PreparedStatement s = st.prepare("DELETE FROM chunks WHERE chunk_id = ?")) {
            s.setString(1, chunkId);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw RetryableFailure.of("delete of chunk " + chunkId, e);
        }
    }

    private static ChunkRecord chunk(ResultSet r) throws SQLException {
        return new ChunkRecord(r.getString(1), r.getString(2), r.getInt(3), r.getLong(4), r.getLong(5));
    }
}
