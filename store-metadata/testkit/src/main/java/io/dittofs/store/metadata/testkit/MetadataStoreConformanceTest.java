package io.dittofs.store.metadata.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.NameFolding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link MetadataStore}, run against every implementation: a store's test class
 * extends this one and says how to open (and, for durable stores, reopen) a store.
 */
public abstract class MetadataStoreConformanceTest implements XattrConformance, StateConformance {

    @TempDir
    protected Path scratch;

    protected MetadataStore store;

    /** A new, empty store whose files (if any) live under {@code dir}. */
    protected abstract MetadataStore open(Path dir) throws Exception;

    /** Whether closing and opening the store on the same {@code dir} keeps its contents. */
    protected boolean persistent() {
        return false;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = open(scratch);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected MetadataStore reopen() throws Exception {
        store.close();
        store = open(scratch);
        return store;
    }

    @Override
    public MetadataStore current() {
        return store;
    }

    @Override
    public boolean durable() {
        return persistent();
    }

    @Override
    public MetadataStore reopened() throws Exception {
        return reopen();
    }

    /** The content map and chunk index (issue 7). */
    @Nested
    class ContentIndex extends ContentIndexConformance {
        @Override
        protected MetadataStore store() {
            return store;
        }

        @Override
        protected MetadataStore reopenStore() throws Exception {
            return reopen();
        }

        @Override
        protected boolean keepsContents() {
            return persistent();
        }
    }

    protected static Inode file(long id) {
        return Inode.builder(id, 42, FileType.REGULAR)
                .mode(0644)
                .uid(1000)
                .gid(100)
                .nlink(1)
                .allTimes(1_700_000_000_123_456_789L)
                .build();
    }

    protected static Inode dir(long id, long parent) {
        return Inode.builder(id, 7, FileType.DIRECTORY)
                .mode(0755)
                .nlink(2)
                .parentId(parent)
                .build();
    }

    protected Optional<Inode> inodeOf(long id) {
        return store.read(r -> r.inode(id));
    }

    protected Optional<DirEntry> entryOf(long dirId, String name) {
        return store.read(r -> r.entry(dirId, name));
    }

    protected List<DirEntry> foldedOf(long dirId, String folded) {
        return store.read(r -> r.entriesFolded(dirId, folded));
    }

    protected long inodeCount() {
        return store.read(r -> r.inodeCount());
    }

    protected boolean hasEntries(long dirId) {
        return store.read(r -> r.hasEntries(dirId));
    }

    protected List<Inode> inodesAfter(long afterFileId, int limit) {
        return store.read(r -> r.inodes(afterFileId, limit));
    }

    protected DirPage page(long dirId, long after, int limit) {
        return store.read(r -> r.list(dirId, after, limit));
    }

    protected boolean writeBool(MetadataStore.WriteTransaction<Boolean> work) {
        return store.write(Durability.SYNC, work);
    }

    protected long allocate() {
        return store.write(Durability.SYNC, w -> w.allocateFileId());
    }

    private long newFile() {
        return store.write(Durability.SYNC, w -> {
            long id = w.allocateFileId();
            w.putInode(file(id));
            return id;
        });
    }

    private void putRoot() {
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(MetadataStore.ROOT_ID, MetadataStore.ROOT_ID));
            return null;
        });
    }

    private void addEntries(long dirId, String... names) {
        store.write(Durability.SYNC, w -> {
            for (String n : names) {
                long id = w.allocateFileId();
                w.putInode(file(id));
                w.putEntry(dirId, n, id);
            }
            return null;
        });
    }

    private List<String> listAll(long dirId, int pageSize) {
        List<String> names = new ArrayList<>();
        long cookie = 0;
        while (true) {
            long after = cookie;
            DirPage page = page(dirId, after, pageSize);
            for (DirEntry e : page.entries()) {
                names.add(e.name());
                cookie = e.cookie();
            }
            if (page.eof()) {
                return names;
            }
            assertThat(page.entries())
                    .as("a page that is not the last is not empty")
                    .isNotEmpty();
        }
    }

    @Test
    void aNewStoreHasNoInodes() {
        assertThat(inodeOf(MetadataStore.ROOT_ID)).isEmpty();
        assertThat(inodeCount()).isZero();
    }

    @Test
    void allocatedFileIdsArePositiveUniqueAndNeverTheRootId() {
        Set<Long> ids = new HashSet<>();
        store.write(Durability.SYNC, w -> {
            for (int i = 0; i < 1000; i++) {
                ids.add(w.allocateFileId());
            }
            return null;
        });
        assertThat(ids).hasSize(1000).allMatch(id -> id > 0 && id != MetadataStore.ROOT_ID);
    }

    @Test
    void idsAllocatedByAFailedTransactionAreNotReturnedAgain() throws Exception {
        Set<Long> lost = new HashSet<>();
        assertThatThrownBy(() -> store.write(Durability.SYNC, w -> {
                    for (int i = 0; i < 3; i++) {
                        lost.add(w.allocateFileId());
                    }
                    throw new IllegalStateException("abort");
                }))
                .hasMessage("abort");
        Set<Long> later = new HashSet<>();
        later.add(allocate());
        if (persistent()) {
            reopen();
            later.add(allocate());
        }
        assertThat(lost).hasSize(3);
        assertThat(later).doesNotContainAnyElementsOf(lost);
    }

    @Test
    void anInodeRoundTripsWithEveryField() {
        Inode symlink = Inode.builder(77, -5, FileType.SYMLINK)
                .mode(07777)
                .uid(-2)
                .gid(65534)
                .nlink(3)
                .size(11)
                .atime(-1)
                .mtime(2)
                .ctime(3)
                .birthtime(4)
                .change(Long.MAX_VALUE - 1)
                .dosAttributes(0x27)
                .rdev((8L << 32) | 1)
                .parentId(0)
                .createVerifier(0xCAFEBABEDEADBEEFL)
                .symlinkTarget("../ünïcødé/target")
                .build();
        store.write(Durability.SYNC, w -> {
            w.putInode(symlink);
            return null;
        });
        assertThat(inodeOf(77)).contains(symlink);
    }

    @Test
    void putInodeReplacesAndDeleteInodeRemoves() {
        long id = newFile();
        Inode bigger = file(id).toBuilder().size(4096).build();
        store.write(Durability.SYNC, w -> {
            w.putInode(bigger);
            return null;
        });
        assertThat(inodeOf(id)).contains(bigger);
        assertThat(writeBool(w -> w.deleteInode(id))).isTrue();
        assertThat(writeBool(w -> w.deleteInode(id))).isFalse();
        assertThat(inodeOf(id)).isEmpty();
    }

    @Test
    void inodeScanPagesThroughEveryInodeInIdOrder() {
        putRoot();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(newFile());
        }
        long deleted = created.remove(10);
        assertThat(writeBool(w -> w.deleteInode(deleted))).isTrue();
        List<Long> expected = new ArrayList<>();
        expected.add(MetadataStore.ROOT_ID);
        expected.addAll(created);

        List<Long> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            long from = after;
            List<Inode> page = inodesAfter(from, 7);
            assertThat(page.size()).isLessThanOrEqualTo(7);
            page.forEach(i -> seen.add(i.fileId()));
            if (page.size() < 7) {
                break;
            }
            after = page.getLast().fileId();
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(inodesAfter(0, 100).getFirst()).isEqualTo(dir(MetadataStore.ROOT_ID, 1));
    }

    @Test
    void inodeScanStartsAfterTheGivenIdAndEndsEmpty() {
        long a = newFile();
        long b = newFile();
        long c = newFile();
        assertThat(inodesAfter(a, 10)).extracting(Inode::fileId).containsExactly(b, c);
        assertThat(inodesAfter(a - 1, 1)).extracting(Inode::fileId).containsExactly(a);
        assertThat(inodesAfter(c, 10)).isEmpty();
        assertThat(inodesAfter(Long.MAX_VALUE, 10)).isEmpty();
        assertThatThrownBy(() -> inodesAfter(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inodeScanInAWriteTransactionSeesItsOwnWrites() {
        long a = newFile();
        List<Long> seen = store.write(Durability.SYNC, w -> {
            long b = w.allocateFileId();
            w.putInode(file(b));
            w.deleteInode(a);
            return w.inodes(0, 10).stream().map(Inode::fileId).toList();
        });
        assertThat(seen).hasSize(1).doesNotContain(a);
    }

    @Test
    void batchedInodeReadReturnsThoseThatExistInTheOrderAskedAndSeesTheTransactionsOwnWrites() {
        long a = newFile();
        long b = newFile();
        long c = newFile();
        Map<Long, Inode> read = store.read(r -> r.inodes(List.of(c, 424242L, a, b)));
        assertThat(read.keySet()).containsExactly(c, a, b);
        assertThat(read.get(a)).isEqualTo(file(a));
        Map<Long, Inode> none = store.read(r -> r.inodes(List.of()));
        assertThat(none).isEmpty();
        Map<Long, Inode> inWrite = store.write(Durability.SYNC, w -> {
            long d = w.allocateFileId();
            w.putInode(file(d));
            w.deleteInode(b);
            return w.inodes(List.of(a, b, d));
        });
        assertThat(inWrite).hasSize(2).containsKey(a).doesNotContainKey(b);
    }

    @Test
    void entriesAreFoundByExactNameOnly() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "Readme.TXT");
        assertThat(entryOf(MetadataStore.ROOT_ID, "Readme.TXT"))
                .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("Readme.TXT"));
        assertThat(entryOf(MetadataStore.ROOT_ID, "readme.txt")).isEmpty();
        assertThat(entryOf(999, "Readme.TXT")).isEmpty();
    }

    @Test
    void foldedLookupFindsEveryCaseVariantInCookieOrder() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "straße", "Makefile", "MAKEFILE", "other", "makefile");
        List<DirEntry> variants = foldedOf(MetadataStore.ROOT_ID, NameFolding.fold("MakeFile"));
        assertThat(variants).extracting(DirEntry::name).containsExactly("Makefile", "MAKEFILE", "makefile");
        assertThat(variants).extracting(DirEntry::cookie).isSorted();
        assertThat(foldedOf(MetadataStore.ROOT_ID, NameFolding.fold("STRASSE")))
                .as("simple case folding does not expand ß")
                .isEmpty();
        assertThat(foldedOf(MetadataStore.ROOT_ID, NameFolding.fold("STRAßE")))
                .extracting(DirEntry::name)
                .containsExactly("straße");
    }

    @Test
    void foldedIndexFollowsRemovals() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "a.txt", "A.TXT");
        writeBool(w -> w.removeEntry(MetadataStore.ROOT_ID, "a.txt"));
        assertThat(foldedOf(MetadataStore.ROOT_ID, "A.TXT"))
                .extracting(DirEntry::name)
                .containsExactly("A.TXT");
    }

    @Test
    void puttingAnExistingNameFails() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "x");
        assertThatThrownBy(() -> addEntries(MetadataStore.ROOT_ID, "x")).isInstanceOf(IllegalStateException.class);
        assertThat(listAll(MetadataStore.ROOT_ID, 10)).containsExactly("x");
    }

    @Test
    void cookiesGrowInInsertionOrderFromFirstCookie() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "zeta", "alpha", "mid");
        DirPage page = page(MetadataStore.ROOT_ID, 0, 100);
        assertThat(page.eof()).isTrue();
        assertThat(page.entries()).extracting(DirEntry::name).containsExactly("zeta", "alpha", "mid");
        assertThat(page.entries()).extracting(DirEntry::cookie).isSorted().allMatch(c -> c >= DirPage.FIRST_COOKIE);
    }

    @Test
    void listingPagesResumeFromCookies() {
        putRoot();
        String[] names = new String[1000];
        for (int i = 0; i < names.length; i++) {
            names[i] = "f" + i;
        }
        addEntries(MetadataStore.ROOT_ID, names);
        assertThat(listAll(MetadataStore.ROOT_ID, 7)).containsExactly(names);
        assertThat(listAll(MetadataStore.ROOT_ID, 1000)).containsExactly(names);
    }

    @Test
    void aRemovedEntrysCookieStillResumesInPlace() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "a", "b", "c", "d");
        DirPage first = page(MetadataStore.ROOT_ID, 0, 2);
        long resumeAt = first.entries().get(1).cookie();
        writeBool(w -> w.removeEntry(MetadataStore.ROOT_ID, "b"));
        addEntries(MetadataStore.ROOT_ID, "e");
        DirPage rest = page(MetadataStore.ROOT_ID, resumeAt, 10);
        assertThat(rest.entries()).extracting(DirEntry::name).containsExactly("c", "d", "e");
    }

    @Test
    void aReaddedNameGetsANewLargerCookie() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "a", "b");
        long oldCookie = entryOf(MetadataStore.ROOT_ID, "a").orElseThrow().cookie();
        writeBool(w -> w.removeEntry(MetadataStore.ROOT_ID, "a"));
        addEntries(MetadataStore.ROOT_ID, "a");
        long newCookie = entryOf(MetadataStore.ROOT_ID, "a").orElseThrow().cookie();
        assertThat(newCookie).isGreaterThan(oldCookie);
        assertThat(listAll(MetadataStore.ROOT_ID, 10)).containsExactly("b", "a");
    }

    @Test
    void cookiesAreNeverReusedEvenAfterTheDirectoryEmpties() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "a");
        long first = entryOf(MetadataStore.ROOT_ID, "a").orElseThrow().cookie();
        writeBool(w -> w.removeEntry(MetadataStore.ROOT_ID, "a"));
        assertThat(hasEntries(MetadataStore.ROOT_ID)).isFalse();
        addEntries(MetadataStore.ROOT_ID, "b");
        assertThat(entryOf(MetadataStore.ROOT_ID, "b").orElseThrow().cookie()).isGreaterThan(first);
    }

    @Test
    void directoriesAreIndependent() {
        putRoot();
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(100, MetadataStore.ROOT_ID));
            w.putEntry(MetadataStore.ROOT_ID, "sub", 100);
            return null;
        });
        addEntries(100, "inner");
        assertThat(listAll(MetadataStore.ROOT_ID, 10)).containsExactly("sub");
        assertThat(listAll(100, 10)).containsExactly("inner");
        assertThat(hasEntries(100)).isTrue();
        assertThat(page(555, 0, 10).entries()).isEmpty();
    }

    @Test
    void removeEntryReportsWhetherItExisted() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "x");
        assertThat(writeBool(w -> w.removeEntry(MetadataStore.ROOT_ID, "x"))).isTrue();
        assertThat(writeBool(w -> w.removeEntry(MetadataStore.ROOT_ID, "x"))).isFalse();
    }

    @Test
    void aFailedTransactionChangesNothing() {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "keep");
        long keepId = entryOf(MetadataStore.ROOT_ID, "keep").orElseThrow().childId();
        assertThatThrownBy(() -> store.write(Durability.SYNC, w -> {
                    long id = w.allocateFileId();
                    w.putInode(file(id));
                    w.putEntry(MetadataStore.ROOT_ID, "new", id);
                    w.removeEntry(MetadataStore.ROOT_ID, "keep");
                    w.putInode(file(keepId).toBuilder().size(99).build());
                    w.deleteInode(MetadataStore.ROOT_ID);
                    throw new IllegalArgumentException("abort");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("abort");
        assertThat(listAll(MetadataStore.ROOT_ID, 10)).containsExactly("keep");
        assertThat(entryOf(MetadataStore.ROOT_ID, "new")).isEmpty();
        assertThat(inodeOf(keepId)).contains(file(keepId));
        assertThat(inodeOf(MetadataStore.ROOT_ID)).isPresent();
        assertThat(foldedOf(MetadataStore.ROOT_ID, "KEEP")).hasSize(1);
        assertThat(inodeCount()).isEqualTo(2);
    }

    @Test
    void aTransactionSeesItsOwnWrites() {
        putRoot();
        store.write(Durability.SYNC, w -> {
            long id = w.allocateFileId();
            w.putInode(file(id));
            w.putEntry(MetadataStore.ROOT_ID, "seen", id);
            assertThat(w.inode(id)).isPresent();
            assertThat(w.entry(MetadataStore.ROOT_ID, "seen")).isPresent();
            assertThat(w.entriesFolded(MetadataStore.ROOT_ID, "SEEN")).hasSize(1);
            assertThat(w.list(MetadataStore.ROOT_ID, 0, 10).entries()).hasSize(1);
            w.removeEntry(MetadataStore.ROOT_ID, "seen");
            assertThat(w.hasEntries(MetadataStore.ROOT_ID)).isFalse();
            return null;
        });
    }

    @Test
    void namesKeepEveryUnicodeCharacterAndFullLength() {
        putRoot();
        String longName = "é".repeat(127) + "x"; // 255 bytes of UTF-8
        addEntries(MetadataStore.ROOT_ID, longName, "日本語 ファイル.txt", "emoji-\uD83D\uDE00", "with space");
        assertThat(listAll(MetadataStore.ROOT_ID, 10))
                .containsExactly(longName, "日本語 ファイル.txt", "emoji-\uD83D\uDE00", "with space");
    }

    @Test
    void deferredWritesAreVisibleAtOnceAndSyncSucceeds() {
        long id = store.write(Durability.DEFERRED, w -> {
            long n = w.allocateFileId();
            w.putInode(file(n));
            return n;
        });
        assertThat(inodeOf(id)).isPresent();
        store.sync();
    }

    @Test
    void concurrentReadModifyWriteTransactionsLoseNoUpdate() throws Exception {
        long id = newFile();
        int threads = 8;
        int perThread = 200;
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                store.write(Durability.DEFERRED, w -> {
                    Inode cur = w.inode(id).orElseThrow();
                    w.putInode(cur.toBuilder().size(cur.size() + 1).build());
                    return null;
                });
            }
        });
        assertThat(inodeOf(id).orElseThrow().size()).isEqualTo((long) threads * perThread);
    }

    @Test
    void concurrentMovesBetweenDirectoriesNeitherLoseNorDuplicateEntries() throws Exception {
        putRoot();
        store.write(Durability.SYNC, w -> {
            w.putInode(dir(100, MetadataStore.ROOT_ID));
            w.putInode(dir(101, MetadataStore.ROOT_ID));
            return null;
        });
        int files = 40;
        String[] names = new String[files];
        for (int i = 0; i < files; i++) {
            names[i] = "n" + i;
        }
        addEntries(100, names);
        runConcurrently(8, t -> {
            for (int i = 0; i < 100; i++) {
                String name = names[(t * 7 + i) % files];
                store.write(Durability.DEFERRED, w -> {
                    long from = w.entry(100, name).isPresent() ? 100 : 101;
                    long to = from == 100 ? 101 : 100;
                    DirEntry e = w.entry(from, name).orElseThrow();
                    w.removeEntry(from, name);
                    w.putEntry(to, name, e.childId());
                    return null;
                });
            }
        });
        List<String> all = new ArrayList<>(listAll(100, 13));
        all.addAll(listAll(101, 13));
        assertThat(all).containsExactlyInAnyOrder(names);
    }

    @Test
    void concurrentAllocationsNeverCollide() throws Exception {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        runConcurrently(8, t -> {
            for (int i = 0; i < 250; i++) {
                ids.add(allocate());
            }
        });
        assertThat(ids).hasSize(8 * 250);
    }

    @Test
    void readersNeverSeeHalfATransaction() throws Exception {
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "left");
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    store.write(Durability.DEFERRED, w -> {
                        boolean left = w.entry(MetadataStore.ROOT_ID, "left").isPresent();
                        String from = left ? "left" : "right";
                        long child = w.entry(MetadataStore.ROOT_ID, from)
                                .orElseThrow()
                                .childId();
                        w.removeEntry(MetadataStore.ROOT_ID, from);
                        w.putEntry(MetadataStore.ROOT_ID, left ? "right" : "left", child);
                        return null;
                    });
                }
                done.countDown();
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (done.getCount() > 0) {
                    int count = store.read(
                            r -> (r.entry(MetadataStore.ROOT_ID, "left").isPresent() ? 1 : 0)
                                    + (r.entry(MetadataStore.ROOT_ID, "right").isPresent() ? 1 : 0));
                    assertThat(count).as("exactly one of the two names exists").isEqualTo(1);
                }
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void contentsSurviveReopen() throws Exception {
        assumeTrue(persistent(), "store is not persistent");
        putRoot();
        addEntries(MetadataStore.ROOT_ID, "a", "b");
        long lastCookie = entryOf(MetadataStore.ROOT_ID, "b").orElseThrow().cookie();
        long lastId = allocate();
        reopen();
        assertThat(listAll(MetadataStore.ROOT_ID, 10)).containsExactly("a", "b");
        assertThat(foldedOf(MetadataStore.ROOT_ID, "A")).hasSize(1);
        addEntries(MetadataStore.ROOT_ID, "c");
        assertThat(entryOf(MetadataStore.ROOT_ID, "c").orElseThrow().cookie())
                .as("cookies keep growing across restarts")
                .isGreaterThan(lastCookie);
        assertThat(allocate()).as("file ids are never reused across restarts").isGreaterThan(lastId);
    }

    @Test
    void deferredWritesAreDurableAfterSync() throws Exception {
        assumeTrue(persistent(), "store is not persistent");
        long id = store.write(Durability.DEFERRED, w -> {
            long n = w.allocateFileId();
            w.putInode(file(n));
            return n;
        });
        store.sync();
        reopen();
        assertThat(inodeOf(id)).contains(file(id));
    }

    /** Work for one thread of {@link #runConcurrently}. */
    @FunctionalInterface
    protected interface ThreadWork {
        void run(int threadIndex) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads started together; rethrows the first failure. */
    protected static void runConcurrently(int threads, ThreadWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
