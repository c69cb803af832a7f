package io.dittofs.store.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataReader;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.testkit.MetadataStoreConformanceTest;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class RocksDbMetadataStoreTest extends MetadataStoreConformanceTest {

    /** Small buffers: tests open many stores. */
    static final RocksDbSettings TEST_SETTINGS = new RocksDbSettings(8 << 20, 1 << 20, 2, 64 << 20, 2, 10);

    @Override
    protected MetadataStore open(Path dir) {
        return RocksDbMetadataStore.open(dir.resolve("metadata"), TEST_SETTINGS);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    private RocksDbMetadataStore rocks() {
        return (RocksDbMetadataStore) store;
    }

    private void putRootDir() {
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(MetadataStore.ROOT_ID, MetadataStore.ROOT_ID));
            return null;
        });
    }

    private DirEntry create(long dirId, String name) {
        return store.write(Durability.SYNC, w -> {
            long id = w.allocateFileId();
            w.putInode(file(id));
            return w.putEntry(dirId, name, id);
        });
    }

    /**
     * The WAL sync is slowed to a disk's 1 ms, so the result does not depend on the machine: on
     * tmpfs a sync is nearly free and there is little to share.
     */
    @Test
    void concurrentSyncCommitsShareWalSyncs() throws Exception {
        store.close();
        store = RocksDbMetadataStore.open(scratch.resolve("slow-disk"), TEST_SETTINGS, sync -> () -> {
            LockSupport.parkNanos(1_000_000);
            sync.run();
        });
        putRootDir();
        long syncsBefore = rocks().walSyncs();
        long commitsBefore = rocks().commits();
        int threads = 32;
        int perThread = 20;
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                create(MetadataStore.ROOT_ID, "t" + t + "-" + i);
            }
        });
        long commits = rocks().commits() - commitsBefore;
        long syncs = rocks().walSyncs() - syncsBefore;
        assertThat(commits).isEqualTo((long) threads * perThread);
        assertThat(syncs).as("%d syncs for %d commits", syncs, commits).isLessThan(commits / 4);
        assertThat(inodeCount()).isEqualTo(1L + threads * perThread);
    }

    @Test
    void aSyncWriteWaitsForASyncAndADeferredOneDoesNot() {
        long before = rocks().walSyncs();
        store.write(Durability.DEFERRED, w -> w.allocateFileId());
        assertThat(rocks().walSyncs()).isEqualTo(before);
        store.write(Durability.SYNC, w -> null);
        assertThat(rocks().walSyncs())
                .as("a SYNC write without changes still syncs the DEFERRED one before it")
                .isEqualTo(before + 1);
        store.sync();
        assertThat(rocks().walSyncs()).as("nothing left to sync").isEqualTo(before + 1);
    }

    @Test
    void cookiesAndFileIdsKeepGrowingOverManyReopens() throws Exception {
        putRootDir();
        long lastCookie = 0;
        long lastId = 0;
        for (int round = 0; round < 5; round++) {
            DirEntry e = create(MetadataStore.ROOT_ID, "r" + round);
            assertThat(e.cookie()).isGreaterThan(lastCookie);
            assertThat(e.childId()).isGreaterThan(lastId);
            lastCookie = e.cookie();
            lastId = e.childId();
            store.write(Durability.DEFERRED, w -> w.removeEntry(MetadataStore.ROOT_ID, e.name()));
            reopen();
        }
        assertThat(hasEntries(MetadataStore.ROOT_ID)).isFalse();
        assertThat(inodeCount()).isEqualTo(6);
    }

    @Test
    void deferredWritesSurviveACleanClose() throws Exception {
        long id = store.write(Durability.DEFERRED, w -> {
            long n = w.allocateFileId();
            w.putInode(file(n));
            return n;
        });
        reopen();
        assertThat(inodeOf(id)).contains(file(id));
    }

    @Test
    void inodeCountFollowsPutsAndDeletesAcrossReopen() throws Exception {
        store.write(Durability.SYNC, w -> {
            for (long id = 10; id < 20; id++) {
                w.putInode(file(id));
            }
            w.putInode(file(10).toBuilder().size(5).build()); // a replace does not count
            w.deleteInode(11);
            w.deleteInode(11);
            w.deleteInode(99);
            assertThat(w.inodeCount()).isEqualTo(9);
            return null;
        });
        reopen();
        assertThat(inodeCount()).isEqualTo(9);
    }

    @Test
    void aFoldedNameIsNotMatchedByALongerNameSharingItsPrefix() {
        putRootDir();
        create(MetadataStore.ROOT_ID, "a");
        create(MetadataStore.ROOT_ID, "a\u0000b");
        create(MetadataStore.ROOT_ID, "ab");
        assertThat(foldedOf(MetadataStore.ROOT_ID, "A"))
                .extracting(DirEntry::name)
                .containsExactly("a");
        assertThat(foldedOf(MetadataStore.ROOT_ID, "A\u0000B"))
                .extracting(DirEntry::name)
                .containsExactly("a\u0000b");
    }

    @Test
    void scansStayInsideTheirDirectory() {
        putRootDir();
        for (long dirId : new long[] {2, 3, 256, 257, Long.MAX_VALUE}) {
            create(dirId, "x");
            create(dirId, "X");
        }
        assertThat(page(256, 0, 10).entries()).extracting(DirEntry::dirId).containsOnly(256L);
        assertThat(page(256, 0, 10).entries()).hasSize(2);
        assertThat(foldedOf(3, "X")).hasSize(2).extracting(DirEntry::dirId).containsOnly(3L);
        assertThat(hasEntries(4)).isFalse();
        assertThat(page(Long.MAX_VALUE, 0, 10).entries()).hasSize(2);
    }

    @Test
    void listingAcceptsAnyAfterCookie() {
        putRootDir();
        create(MetadataStore.ROOT_ID, "a");
        assertThat(page(MetadataStore.ROOT_ID, -1, 10).entries()).hasSize(1);
        DirPage end = page(MetadataStore.ROOT_ID, Long.MAX_VALUE, 10);
        assertThat(end.entries()).isEmpty();
        assertThat(end.eof()).isTrue();
        assertThatThrownBy(() -> page(MetadataStore.ROOT_ID, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameWithAnUnpairedSurrogateIsRefusedAndNothingIsWritten() {
        putRootDir();
        assertThatThrownBy(() -> create(MetadataStore.ROOT_ID, "bad\uD800name"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(hasEntries(MetadataStore.ROOT_ID)).isFalse();
        assertThat(inodeCount()).isEqualTo(1);
    }

    @Test
    void aReaderCannotBeUsedAfterItsTransaction() {
        MetadataReader escaped = store.read(r -> r);
        assertThatThrownBy(() -> escaped.inode(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWriteInsideAWriteIsRefused() {
        assertThatThrownBy(() -> store.write(Durability.SYNC, w -> store.write(Durability.SYNC, w2 -> null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClosedStoreRefusesWorkAndClosesTwice() {
        store.close();
        store.close();
        assertThatThrownBy(() -> inodeOf(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.sync()).isInstanceOf(IllegalStateException.class);
        store = null;
    }

    @Test
    void deletingADirectoryDropsItsCookieCounter() {
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(100, MetadataStore.ROOT_ID));
            long id = w.allocateFileId();
            w.putInode(file(id));
            w.putEntry(100, "f", id);
            w.removeEntry(100, "f");
            w.deleteInode(id);
            return w.deleteInode(100);
        });
        long counter = store.read(r -> ((StoreReader) r).counter(Keys.nextCookie(100), -1));
        assertThat(counter).isEqualTo(-1);
    }

    @Test
    void symlinksAndSpecialFilesRoundTripThroughTheDatabase() throws Exception {
        Inode link = Inode.builder(5, 1, FileType.SYMLINK).symlinkTarget("").build();
        Inode dev =
                Inode.builder(6, 1, FileType.CHAR_DEVICE).rdev((1L << 32) | 3).build();
        store.write(Durability.SYNC, w -> {
            w.putInode(link);
            w.putInode(dev);
            return null;
        });
        reopen();
        assertThat(inodeOf(5)).contains(link);
        assertThat(inodeOf(6)).contains(dev);
    }

    @Test
    void aSecondProcessOrStoreCannotOpenTheSameDirectory() {
        assertThatThrownBy(() -> open(scratch))
                .isInstanceOf(RocksDbStoreException.class)
                .hasMessageContaining("cannot open the metadata database in");
    }
}
