package io.dittofs.store.metadata.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A read-only snapshot view beside writers that keep changing the schema. */
class PostgresSnapshotStoreTest {
    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresMetadataStoreTest.startEmbedded();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static void create(MetadataStore store, String name) {
        store.write(Durability.SYNC, w -> {
            long id = w.allocateFileId();
            w.putInode(Inode.builder(id, 1, FileType.REGULAR).nlink(1).build());
            return w.putEntry(MetadataStore.ROOT_ID, name, id);
        });
    }

    private static List<DirEntry> rootOf(MetadataStore store) {
        return store.read(r -> r.list(MetadataStore.ROOT_ID, 0, 100).entries());
    }

    @Test
    void aSnapshotSeesOneMomentAndNeverWrites() {
        PostgresSettings settings = PostgresMetadataStoreTest.settings(postgres, "snap");
        try (PostgresMetadataStore live = PostgresMetadataStore.open(settings)) {
            create(live, "before");
            try (PostgresSnapshotStore snapshot = PostgresSnapshotStore.open(settings)) {
                create(live, "after");
                live.write(Durability.SYNC, w -> w.removeEntry(MetadataStore.ROOT_ID, "before"));
                assertThat(rootOf(snapshot)).extracting(DirEntry::name).containsExactly("before");
                assertThat(rootOf(snapshot)).as("every read, the same moment").hasSize(1);
                assertThatThrownBy(() -> snapshot.write(Durability.SYNC, w -> null))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
            assertThat(rootOf(live)).extracting(DirEntry::name).containsExactly("after");
        }
    }

    @Test
    void aSchemaWithoutDittofsMetadataIsRefused() {
        assertThatThrownBy(() -> PostgresSnapshotStore.open(PostgresMetadataStoreTest.settings(postgres, "empty")))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("holds no DittoFS metadata");
    }
}
