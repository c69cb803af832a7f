package io.dittofs.store.block.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.block.BlockStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the conformance suite cannot see: the files on disk. */
class FilesystemBlockStoreTest {

    @TempDir
    Path scratch;

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void staleTemporaryFilesAreRemovedWhenTheStoreOpens() throws IOException {
        Path root = scratch.resolve("blocks");
        new FilesystemBlockStore(root).close();
        Files.writeString(root.resolve("#tmp/put-1"), "half a put");
        Files.writeString(root.resolve("#tmp/put-2"), "");

        try (FilesystemBlockStore store = new FilesystemBlockStore(root)) {
            assertThat(filesIn(root.resolve("#tmp"))).isEmpty();
            assertThat(store.list("", null, 10).keys()).isEmpty();
        }
    }

    @Test
    void objectsLiveAtPathsTheLayoutNames() throws IOException {
        Path root = scratch.resolve("blocks");
        try (FilesystemBlockStore store = new FilesystemBlockStore(root)) {
            store.put("a/b/c", ascii("abc"));
            store.put("a", ascii("a"));

            assertThat(root.resolve("a+/b+/c")).hasContent("abc");
            assertThat(root.resolve("a")).hasContent("a");
        }
    }

    @Test
    void putLeavesNoTemporaryFileBehind() throws IOException {
        Path root = scratch.resolve("blocks");
        try (FilesystemBlockStore store = new FilesystemBlockStore(root)) {
            store.put("k", ascii("v1"));
            store.put("k", ascii("v2"));

            assertThat(filesIn(root.resolve("#tmp"))).isEmpty();
        }
    }

    @Test
    void deleteRemovesDirectoriesItLeavesEmptyButNeverTheRoot() throws IOException {
        Path root = scratch.resolve("blocks");
        try (FilesystemBlockStore store = new FilesystemBlockStore(root)) {
            store.put("a/b/c", ascii("1"));
            store.put("a/x", ascii("2"));

            store.delete("a/b/c");
            assertThat(root.resolve("a+/b+")).doesNotExist();
            assertThat(root.resolve("a+")).isDirectory();

            store.delete("a/x");
            assertThat(root).isDirectory();
            assertThat(filesIn(root)).containsExactlyInAnyOrder("#lock", "#tmp");
        }
    }

    @Test
    void aKeyCannotEscapeTheRoot() throws IOException {
        Path root = scratch.resolve("blocks");
        try (FilesystemBlockStore store = new FilesystemBlockStore(root)) {
            for (String key : List.of("../x", "a/../../x", "/etc/passwd", "..")) {
                assertThatThrownBy(() -> store.put(key, ascii("x")))
                        .isInstanceOfSatisfying(BlockStoreException.class, e -> assertThat(e.kind())
                                .isEqualTo(BlockStoreException.Kind.INVALID_KEY));
            }
        }
        assertThat(filesIn(scratch)).containsExactly("blocks");
    }

    @Test
    void filesTheStoreDidNotWriteAreNotListed() throws IOException {
        Path root = scratch.resolve("blocks");
        try (FilesystemBlockStore store = new FilesystemBlockStore(root)) {
            store.put("a/b", ascii("1"));
            Files.writeString(root.resolve("with space"), "x");
            Files.writeString(root.resolve("a+/#junk"), "x");
            Files.createDirectories(root.resolve("plain-dir/inner"));
            Files.writeString(root.resolve("=odd"), "x");

            assertThat(store.list("", null, 10).keys()).containsExactly("a/b");
        }
    }

    @Test
    void aSecondStoreCannotOpenARootThatIsInUse() {
        Path root = scratch.resolve("blocks");
        try (FilesystemBlockStore first = new FilesystemBlockStore(root)) {
            assertThatThrownBy(() -> new FilesystemBlockStore(root))
                    .isInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("in use");
        }
        new FilesystemBlockStore(root).close(); // free again once the first is closed
    }

    @Test
    void capacityIsThatOfTheFileSystemHoldingTheRoot() throws IOException {
        Path root = scratch.resolve("blocks");
        try (FilesystemBlockStore store = new FilesystemBlockStore(root)) {
            var capacity = store.capacity();

            assertThat(capacity.totalBytes()).isEqualTo(Files.getFileStore(root).getTotalSpace());
            assertThat(capacity.availableBytes()).isPositive().isLessThanOrEqualTo(capacity.totalBytes());
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        FilesystemBlockStore store = new FilesystemBlockStore(scratch.resolve("blocks"));
        store.close();
        store.close();

        assertThatThrownBy(() -> store.get("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.put("k", ascii("v"))).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
