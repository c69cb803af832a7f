package io.dittofs.store.block.filesystem;

import io.dittofs.store.block.BlockKey;
import io.dittofs.store.block.BlockStoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a key lives under the store root. Each key segment becomes one path component, with a
 * one-character suffix from outside the key alphabet that says what the component is:
 *
 * <pre>
 *   key "a"          → root/a              an object: no suffix
 *   key "a/b/c"      → root/a+/b+/c        '+': a directory of keys that continue after '/'
 *   key "a/&lt;300 x&gt;" → root/a+/&lt;44 x&gt;=/&lt;128 x&gt;=/&lt;128 x&gt;
 *                                          '=': the same segment continues in this directory
 * </pre>
 *
 * <p>The suffixes make the namespace flat, as the SPI requires: object {@code a} (file {@code a})
 * and keys below {@code a/} (directory {@code a+}) never collide. Segments longer than {@link
 * #MAX_PIECE} characters, which {@link BlockKey} allows up to 512 but file systems do not (ext4
 * and XFS stop at 255 bytes), are cut into pieces counted from the end, so the last piece is
 * always {@code MAX_PIECE} long or the whole segment, and a suffix-less name is never {@code .}
 * or {@code ..}. Names starting with {@code #} are the store's own ({@code #tmp}, {@code #lock})
 * and can never be part of a key.
 */
final class KeyLayout {

    /** The longest piece of a segment in one file name. */
    static final int MAX_PIECE = 128;

    /** Suffix of a directory whose keys continue after a '/'. */
    static final char SEGMENT_DIRECTORY = '+';

    /** Suffix of a directory whose keys continue the same segment. */
    static final char PIECE_DIRECTORY = '=';

    private final Path root;

    /** @param root absolute and normalized */
    KeyLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The file of the object under {@code key}; throws INVALID_KEY when the key is not valid. */
    Path objectPath(String key) {
        BlockKey.requireValid(key);
        return underRoot(resolve(key, true));
    }

    /** The directory of the keys that start with {@code key + "/"}; {@code key} must be valid. */
    Path directoryPath(String key) {
        BlockKey.requireValid(key);
        return underRoot(resolve(key, false));
    }

    /**
     * {@code path}, after checking that it is strictly inside the root. Valid keys always are; this
     * is the second lock on the door.
     */
    Path underRoot(Path path) {
        Path normal = path.normalize();
        if (!normal.startsWith(root) || normal.equals(root)) {
            throw new BlockStoreException(
                    BlockStoreException.Kind.INVALID_KEY, "key resolves outside the store root: " + path);
        }
        return path;
    }

    private Path resolve(String key, boolean object) {
        Path path = root;
        int start = 0;
        while (true) {
            int slash = key.indexOf('/', start);
            boolean last = slash < 0;
            List<String> pieces = pieces(last ? key.substring(start) : key.substring(start, slash));
            for (int i = 0; i < pieces.size() - 1; i++) {
                path = path.resolve(pieces.get(i) + PIECE_DIRECTORY);
            }
            String tail = pieces.getLast();
            path = path.resolve(last && object ? tail : tail + SEGMENT_DIRECTORY);
            if (last) {
                return path;
            }
            start = slash + 1;
        }
    }

    /** {@code segment} cut into pieces of at most {@link #MAX_PIECE}, all full but the first. */
    static List<String> pieces(String segment) {
        int length = segment.length();
        if (length <= MAX_PIECE) {
            return List.of(segment);
        }
        int first = length % MAX_PIECE == 0 ? MAX_PIECE : length % MAX_PIECE;
        List<String> pieces = new ArrayList<>();
        pieces.add(segment.substring(0, first));
        for (int i = first; i < length; i += MAX_PIECE) {
            pieces.add(segment.substring(i, i + MAX_PIECE));
        }
        return pieces;
    }

    /** What a directory entry is, by its name alone. */
    sealed interface Entry {
        /** The key piece the entry's name carries. */
        String piece();
    }

    /** A file holding one object. */
    record ObjectFile(String piece) implements Entry {}

    /** A directory of keys that continue with '/' after the piece. */
    record SegmentDirectory(String piece) implements Entry {}

    /** A directory of keys that continue the piece's segment. */
    record PieceDirectory(String piece) implements Entry {}

    /** The entry named {@code name}, or {@code null} for a name the layout never makes. */
    static @Nullable Entry classify(String name) {
        if (name.isEmpty()) {
            return null;
        }
        char suffix = name.charAt(name.length() - 1);
        String body = name.substring(0, name.length() - 1);
        if (suffix == SEGMENT_DIRECTORY) {
            return isPiece(body) ? new SegmentDirectory(body) : null;
        }
        if (suffix == PIECE_DIRECTORY) {
            return isPiece(body) ? new PieceDirectory(body) : null;
        }
        return isPiece(name) ? new ObjectFile(name) : null;
    }

    private static boolean isPiece(String s) {
        if (s.isEmpty() || s.length() > MAX_PIECE) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!BlockKey.isKeyChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
