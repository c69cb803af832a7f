package io.dittofs.store.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-only secondary view beside a primary that keeps writing. */
class RocksDbSnapshotStoreTest {

    @TempDir
    Path scratch;

    private static void create(MetadataStore store, String name) {
        store.write(Durability.SYNC, w -> {
            long id = w.allocateFileId();
            w.putInode(Inode.builder(id, 1, FileType.REGULAR).nlink(1).build());
            w.putXattr(id, "user.n", name.getBytes());
            return w.putEntry(MetadataStore.ROOT_ID, name, id);
        });
    }

    /** Every file of the primary's folder with its size and modification time. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p));
            }
        }
        return all;
    }

    @Test
    void aSecondaryViewSeesThePrimaryAsOfItsOpenAndNeverWrites() throws Exception {
        Path dir = scratch.resolve("db");
        try (RocksDbMetadataStore primary = RocksDbMetadataStore.open(dir, RocksDbMetadataStoreTest.TEST_SETTINGS)) {
            primary.write(Durability.SYNC, w -> {
                w.putInode(Inode.builder(MetadataStore.ROOT_ID, 1, FileType.DIRECTORY)
                        .nlink(2)
                        .parentId(MetadataStore.ROOT_ID)
                        .build());
                return null;
            });
            create(primary, "before");
            Map<String, String> filesBefore = files(dir);
            try (RocksDbSnapshotStore view = RocksDbSnapshotStore.open(
                    dir, scratch.resolve("secondary"), RocksDbMetadataStoreTest.TEST_SETTINGS)) {
                assertThat(files(dir))
                        .as("opening the view wrote nothing in the primary's folder")
                        .isEqualTo(filesBefore);
                create(primary, "after");
                assertThat(view.<List<DirEntry>>read(
                                r -> r.list(MetadataStore.ROOT_ID, 0, 10).entries()))
                        .extracting(e -> e.name())
                        .containsExactly("before");
                long before = view.<Long>read(r ->
                        r.entry(MetadataStore.ROOT_ID, "before").orElseThrow().childId());
                assertThat(view.<List<String>>read(r -> r.xattrNames(before))).containsExactly("user.n");
                assertThat(view.<Long>read(r -> r.inodeCount())).isEqualTo(2L);
                assertThatThrownBy(() -> view.write(Durability.SYNC, w -> null))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
            create(primary, "later");
            assertThat(primary.<List<DirEntry>>read(
                            r -> r.list(MetadataStore.ROOT_ID, 0, 10).entries()))
                    .as("the primary went on undisturbed")
                    .hasSize(3);
        }
    }

    @Test
    void aFolderWithoutADatabaseIsRefused() {
        assertThatThrownBy(() -> RocksDbSnapshotStore.open(
                        scratch.resolve("none"), scratch.resolve("secondary"), RocksDbMetadataStoreTest.TEST_SETTINGS))
                .isInstanceOf(RocksDbStoreException.class)
                .hasMessageContaining("no metadata database");
    }
}
