package io.dittofs.store.metadata.postgres;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.PackRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The content map and chunk index statements (schema versions 3 and 4), run on a transaction's connection. */
final class ContentSql {
    /** Prepares a statement on the transaction's connection. */
    @FunctionalInterface
    interface Statements {
        PreparedStatement prepare(String sql) throws SQLException;
    }

    private static final String CHUNK_COLUMNS =
            "chunk_id, object_key, length, ref_count, unreferenced_since, object_offset, stored_length, frame_crc";
    private static final String PACK_COLUMNS = "pack_key, chunks, bytes, live_chunks, live_bytes, empty_since";

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
        try (PreparedStatement s =
                st.prepare("INSERT INTO chunks (" + CHUNK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chunk_id) DO UPDATE SET object_key = EXCLUDED.object_key, length = EXCLUDED.length,"
                        + " ref_count = EXCLUDED.ref_count, unreferenced_since = EXCLUDED.unreferenced_since,"
                        + " object_offset = EXCLUDED.object_offset, stored_length = EXCLUDED.stored_length,"
                        + " frame_crc = EXCLUDED.frame_crc")) {
            s.setString(1, c.chunkId());
            s.setString(2, c.objectKey());
            s.setInt(3, c.length());
            s.setLong(4, c.refCount());
            s.setLong(5, c.unreferencedSince());
            s.setLong(6, c.objectOffset());
            s.setInt(7, c.storedLength());
            s.setInt(8, c.frameCrc());
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
        return new ChunkRecord(
                r.getString(1),
                r.getString(2),
                r.getInt(3),
                r.getLong(4),
                r.getLong(5),
                r.getLong(6),
                r.getInt(7),
                r.getInt(8));
    }

    static Optional<PackRecord> pack(Statements st, String packKey) {
        try (PreparedStatement s = st.prepare("SELECT " + PACK_COLUMNS + " FROM content_packs WHERE pack_key = ?")) {
            s.setString(1, packKey);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(pack(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw RetryableFailure.of("read of pack " + packKey, e);
        }
    }

    static List<PackRecord> packs(Statements st, String afterPackKey, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        try (PreparedStatement s = st.prepare(
                "SELECT " + PACK_COLUMNS + " FROM content_packs WHERE pack_key > ? ORDER BY pack_key LIMIT ?")) {
            s.setString(1, afterPackKey);
            s.setInt(2, limit);
            List<PackRecord> page = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    page.add(pack(r));
                }
            }
            return page;
        } catch (SQLException e) {
            throw RetryableFailure.of("scan of the pack index", e);
        }
    }

    static void putPack(Statements st, PackRecord p) {
        try (PreparedStatement s =
                st.prepare("INSERT INTO content_packs (" + PACK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (pack_key) DO UPDATE SET chunks = EXCLUDED.chunks, bytes = EXCLUDED.bytes,"
                        + " live_chunks = EXCLUDED.live_chunks, live_bytes = EXCLUDED.live_bytes,"
                        + " empty_since = EXCLUDED.empty_since")) {
            s.setString(1, p.packKey());
            s.setInt(2, p.chunks());
            s.setLong(3, p.bytes());
            s.setInt(4, p.liveChunks());
            s.setLong(5, p.liveBytes());
            s.setLong(6, p.emptySince());
            s.executeUpdate();
        } catch (SQLException e) {
            throw RetryableFailure.of("write of pack " + p.packKey(), e);
        }
    }

    static boolean deletePack(Statements st, String packKey) {
        try (PreparedStatement s = st.prepare("DELETE FROM content_packs WHERE pack_key = ?")) {
            s.setString(1, packKey);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw RetryableFailure.of("delete of pack " + packKey, e);
        }
    }

    private static PackRecord pack(ResultSet r) throws SQLException {
        return new PackRecord(r.getString(1), r.getInt(2), r.getLong(3), r.getInt(4), r.getLong(5), r.getLong(6));
    }
}
