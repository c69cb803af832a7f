package io.dittofs.store.block.filesystem;

import io.dittofs.store.block.BlockKey;
import io.dittofs.store.block.KeyPage;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.dittofs.store.block.BlockStore#list} over a {@link KeyLayout} tree: a depth-first walk
 * that yields keys in ascending order and stops after one key more than the page holds.
 *
 * <p>Why the order is right: in one directory, each child is named by the start of every key it
 * holds: an object file by its whole key ({@code "a-c"}), a segment directory by its keys'
 * common prefix including the slash ({@code "a/"}). Sorting children by that string sorts their
 * keys, because neither can be a proper prefix of the other except an object {@code x} before
 * the directory {@code x/}, which is also its keys' order. So {@code a-c < a.b < a/… < a0},
 * whereas sorting by file name would put the directory {@code a+} first. Piece directories
 * ({@code =}) are inlined into their parent before sorting, since their keys interleave with
 * their neighbours'.
 *
 * <p>Only directories that can hold a key after {@code startAfter} that starts with the prefix
 * are read. Directories that vanish during the walk (a concurrent delete pruned them) are empty.
 */
final class KeyLister {

    private final KeyLayout layout;

    KeyLister(KeyLayout layout) {
        this.layout = layout;
    }

    /** Arguments are already checked: {@code prefix} valid, {@code limit >= 1}. */
    KeyPage list(String prefix, @Nullable String startAfter, int limit) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? layout.root() : layout.directoryPath(prefix.substring(0, slash));
        Walk walk = new Walk(prefix, startAfter, limit);
        walk.directory(start, prefix.substring(0, slash + 1));
        return new KeyPage(walk.keys, walk.truncated);
    }

    /** A child of a directory: an object's key, or the prefix shared by a directory's keys. */
    private record Child(String start, Path path, boolean object) {}

    private final class Walk {
        private final String prefix;
        private final @Nullable String startAfter;
        private final int limit;
        private final List<String> keys = new ArrayList<>();
        private boolean truncated;

        Walk(String prefix, @Nullable String startAfter, int limit) {
            this.prefix = prefix;
            this.startAfter = startAfter;
            this.limit = limit;
        }

        /** Adds the wanted keys under {@code dir}, whose names extend {@code base}; false once full. */
        boolean directory(Path dir, String base) throws IOException {
            List<Child> children = new ArrayList<>();
            collect(dir, base, children);
            children.sort(Comparator.comparing(Child::start));
            for (Child child : children) {
                if (!child.object()) {
                    if (!directory(child.path(), child.start())) {
                        return false;
                    }
                } else if (keys.size() == limit) {
                    truncated = true;
                    return false;
                } else {
                    keys.add(child.start());
                }
            }
            return true;
        }

        private void collect(Path dir, String base, List<Child> out) throws IOException {
            for (String name : names(dir)) {
                Path path = dir.resolve(name);
                switch (KeyLayout.classify(name)) {
                    case null -> {} // #tmp, #lock, or something the store did not write
                    case KeyLayout.ObjectFile(String piece) -> {
                        String key = base + piece;
                        if (wantsKey(key) && isCanonical(key, path)) {
                            out.add(new Child(key, path, true));
                        }
                    }
                    case KeyLayout.SegmentDirectory(String piece) -> {
                        String start = base + piece + "/";
                        if (mayHoldWantedKeys(start)) {
                            out.add(new Child(start, path, false));
                        }
                    }
                    case KeyLayout.PieceDirectory(String piece) -> {
                        String start = base + piece;
                        if (mayHoldWantedKeys(start)) {
                            collect(path, start, out);
                        }
                    }
                }
            }
        }

        private boolean wantsKey(String key) {
            return key.startsWith(prefix) && (startAfter == null || key.compareTo(startAfter) > 0);
        }

        /** Whether some key starting with {@code start} starts with the prefix and follows startAfter. */
        private boolean mayHoldWantedKeys(String start) {
            if (!start.startsWith(prefix) && !prefix.startsWith(start)) {
                return false;
            }
            // Every key starting with `start` sorts before startAfter when `start` does and is not
            // a prefix of startAfter: they differ within `start`.
            return startAfter == null || start.compareTo(startAfter) > 0 || startAfter.startsWith(start);
        }

        /**
         * Whether {@code key} is valid and lives at {@code path}, which is not a directory: skips
         * entries placed by hand. Costs one stat per key on the page, none per skipped entry.
         */
        private boolean isCanonical(String key, Path path) {
            return BlockKey.isValid(key)
                    && layout.objectPath(key).equals(path)
                    && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return names;
    }
}
