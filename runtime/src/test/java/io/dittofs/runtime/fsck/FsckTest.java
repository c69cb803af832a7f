package io.dittofs.runtime.fsck;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.fsck.Finding.Kind;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each check and each repair of {@link Fsck}, on memory stores corrupted through their SPIs. */
class FsckTest {
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);
    private static final int BLOCK = 4096;
    private static final String SHARE = "fsck-test";

    private final MemoryMetadataStore meta = new MemoryMetadataStore();
    private final MemoryBlockStore blocks = new MemoryBlockStore();
    private final String prefix = Shares.contentPrefix(SHARE);
    private FileSystem fs;
    private Fsck fsck;

    private NodeId dir;
    private NodeId file;
    private NodeId sub;

    @BeforeEach
    void buildATree() {
        fs = Shares.open(
                        SHARE,
                        ShareOptions.DEFAULTS,
                        meta,
                        blocks,
                        // one object per chunk here; packs have their own tests (PackingTest)
                        ContentSettings.DEFAULTS
                                .withRollup(Duration.ofHours(1), Long.MAX_VALUE)
                                .withPacking(ContentSettings.Packing.OFF),
                        Clock.systemUTC())
                .fileSystem();
        fsck = new Fsck(meta, blocks, prefix, Clock.systemUTC());
        dir = fs.createDirectory(ROOT, fs.root(), "dir", SetAttributes.mode(0755))
                .created()
                .id();
        sub = fs.createDirectory(ROOT, dir, "sub", SetAttributes.mode(0755))
                .created()
                .id();
        file = createFile(dir, "file", "x".repeat(3 * BLOCK));
        fs.link(ROOT, file, sub, "hardlink");
        createFile(sub, "small", "hello");
        fs.createSymlink(ROOT, sub, "link", "../file", SetAttributes.mode(0777));
        content().drain();
    }

    private ContentStore content() {
        return ((PosixFileSystem) fs).content();
    }

    private List<String> objects() {
        return blocks.list(prefix + "/", null, 100).keys();
    }

    private NodeId createFile(NodeId in, String name, String text) {
        NodeId id = fs.createFile(ROOT, in, name, SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
        fs.write(ROOT, id, 0, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Stability.FILE_SYNC);
        return id;
    }

    private List<Finding> check() {
        List<Finding> found = new ArrayList<>();
        FsckSummary summary = fsck.check(found::add);
        assertThat(summary.findings()).isEqualTo(found.size());
        return found;
    }

    private FsckSummary repair(List<Finding> into) {
        FsckSummary summary = fsck.repair(into::add);
        assertThat(summary.remaining())
                .as("nothing remains after the repair: %s", into)
                .isZero();
        assertThat(check()).as("a check after the repair").isEmpty();
        return summary;
    }

    private void corrupt(Consumer<MetadataWriter> change) {
        meta.write(Durability.SYNC, w -> {
            change.accept(w);
            return null;
        });
    }

    private Optional<DirEntry> entry(long dirId, String name) {
        return meta.read(r -> r.entry(dirId, name));
    }

    private Inode inode(long id) {
        return meta.read(r -> r.inode(id)).orElseThrow();
    }

    @Test
    void aConsistentShareHasNoFindings() {
        FsckSummary summary = fsck.check(f -> {});
        assertThat(summary.clean()).isTrue();
        assertThat(summary.directories()).isEqualTo(3);
        assertThat(summary.entries()).isEqualTo(6);
        assertThat(summary.inodes()).isEqualTo(6);
        assertThat(summary.blocks()).as("two distinct contents, one chunk each").isEqualTo(2);
        assertThat(fsck.repair(f -> {}).findings()).isZero();
    }

    @Test
    void directoriesAndTheInodeScanArePagedPastOnePage() {
        for (int i = 0; i < Fsck.PAGE * 2 + 10; i++) {
            fs.createFile(ROOT, sub, "f" + i, SetAttributes.mode(0644), CreateMode.GUARDED);
        }
        FsckSummary summary = fsck.check(f -> {});
        assertThat(summary.clean()).isTrue();
        assertThat(summary.inodes()).isEqualTo(6 + Fsck.PAGE * 2 + 10);
    }

    @Test
    void aDanglingEntryIsFoundAndRemoved() {
        corrupt(w -> w.putEntry(dir.fileId(), "ghost", 999_999));
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DANGLING_ENTRY);
            assertThat(f.fileId()).isEqualTo(999_999);
            assertThat(f.dirId()).isEqualTo(dir.fileId());
            assertThat(f.repaired()).isFalse();
        });
        List<Finding> repaired = new ArrayList<>();
        repair(repaired);
        assertThat(repaired).singleElement().extracting(Finding::repaired).isEqualTo(true);
        assertThat(entry(dir.fileId(), "ghost")).isEmpty();
    }

    @Test
    void aWrongFileLinkCountIsFoundAndSet() {
        corrupt(w -> w.putInode(inode(file.fileId()).toBuilder().nlink(5).build()));
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.LINK_COUNT);
            assertThat(f.fileId()).isEqualTo(file.fileId());
            assertThat(f.detail()).contains("nlink 5 but 2 counted");
        });
        repair(new ArrayList<>());
        assertThat(inode(file.fileId()).nlink()).isEqualTo(2);
    }

    @Test
    void aWrongDirectoryLinkCountIsFoundAndSet() {
        corrupt(w -> w.putInode(inode(dir.fileId()).toBuilder().nlink(2).build()));
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.LINK_COUNT);
            assertThat(f.fileId()).isEqualTo(dir.fileId());
        });
        repair(new ArrayList<>());
        assertThat(inode(dir.fileId()).nlink()).isEqualTo(3);
    }

    @Test
    void aWrongParentIsFoundAndSet() {
        corrupt(w -> w.putInode(
                inode(sub.fileId()).toBuilder().parentId(MetadataStore.ROOT_ID).build()));
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.WRONG_PARENT);
            assertThat(f.fileId()).isEqualTo(sub.fileId());
            assertThat(f.dirId()).isEqualTo(dir.fileId());
        });
        repair(new ArrayList<>());
        assertThat(inode(sub.fileId()).parentId()).isEqualTo(dir.fileId());
    }

    @Test
    void theRootMustBeItsOwnParent() {
        corrupt(w -> w.putInode(
                inode(MetadataStore.ROOT_ID).toBuilder().parentId(dir.fileId()).build()));
        assertThat(check()).singleElement().extracting(Finding::kind).isEqualTo(Kind.WRONG_PARENT);
        repair(new ArrayList<>());
        assertThat(inode(MetadataStore.ROOT_ID).parentId()).isEqualTo(MetadataStore.ROOT_ID);
    }

    @Test
    void aSecondLinkToADirectoryIsFoundAndRemoved() {
        corrupt(w -> w.putEntry(MetadataStore.ROOT_ID, "alias", sub.fileId()));
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DIRECTORY_LINKED_TWICE);
            assertThat(f.fileId()).isEqualTo(sub.fileId());
        });
        repair(new ArrayList<>());
        assertThat(entry(dir.fileId(), "sub")).isPresent();
        assertThat(entry(MetadataStore.ROOT_ID, "alias")).isEmpty();
    }

    @Test
    void anOrphanedFileIsMovedToLostAndFound() {
        NodeId lonely = createFile(dir, "lonely", "still here");
        corrupt(w -> w.removeEntry(dir.fileId(), "lonely"));
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.ORPHAN);
            assertThat(f.fileId()).isEqualTo(lonely.fileId());
        });
        List<Finding> repaired = new ArrayList<>();
        repair(repaired);
        assertThat(repaired).extracting(Finding::kind).containsExactly(Kind.ORPHAN);
        DirEntry lf = entry(MetadataStore.ROOT_ID, Fsck.LOST_AND_FOUND).orElseThrow();
        Inode lostAndFound = inode(lf.childId());
        assertThat(lostAndFound.mode()).isEqualTo(0700);
        assertThat(lostAndFound.parentId()).isEqualTo(MetadataStore.ROOT_ID);
        assertThat(entry(lf.childId(), "#" + lonely.fileId()))
                .get()
                .extracting(DirEntry::childId)
                .isEqualTo(lonely.fileId());
        assertThat(inode(MetadataStore.ROOT_ID).nlink()).isEqualTo(4);
        assertThat(fs.read(ROOT, lonely, 0, 100).data()).isEqualTo(ByteBuffer.wrap("still here".getBytes()));
    }

    @Test
    void anOrphanedDirectoryIsAdoptedWithWhatItHolds() {
        corrupt(w -> w.removeEntry(dir.fileId(), "sub"));
        List<Finding> found = check();
        // sub, the small file and the symlink are unreachable; dir lost a subdirectory; the big
        // file lost one of its two names.
        assertThat(found)
                .extracting(Finding::kind)
                .containsExactlyInAnyOrder(Kind.LINK_COUNT, Kind.LINK_COUNT, Kind.ORPHAN, Kind.ORPHAN, Kind.ORPHAN);
        List<Finding> repaired = new ArrayList<>();
        FsckSummary summary = repair(repaired);
        assertThat(summary.repaired()).as("%s", repaired).isEqualTo(summary.findings());
        long lf =
                entry(MetadataStore.ROOT_ID, Fsck.LOST_AND_FOUND).orElseThrow().childId();
        assertThat(entry(lf, "#" + sub.fileId())).isPresent();
        assertThat(inode(sub.fileId()).parentId()).isEqualTo(lf);
        assertThat(inode(lf).nlink()).isEqualTo(3);
        assertThat(inode(file.fileId()).nlink()).isEqualTo(2);
        assertThat(entry(sub.fileId(), "small")).isPresent();
    }

    @Test
    void anExistingLostAndFoundIsReused() {
        NodeId lf = fs.createDirectory(ROOT, fs.root(), Fsck.LOST_AND_FOUND, SetAttributes.mode(0700))
                .created()
                .id();
        NodeId lonely = createFile(dir, "lonely", "x");
        corrupt(w -> w.removeEntry(dir.fileId(), "lonely"));
        repair(new ArrayList<>());
        assertThat(entry(lf.fileId(), "#" + lonely.fileId())).isPresent();
    }

    @Test
    void orphansStayWhenLostAndFoundIsNotADirectory() {
        createFile(fs.root(), Fsck.LOST_AND_FOUND, "in the way");
        createFile(dir, "lonely", "x");
        corrupt(w -> w.removeEntry(dir.fileId(), "lonely"));
        List<Finding> found = new ArrayList<>();
        FsckSummary summary = fsck.repair(found::add);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.ORPHAN);
            assertThat(f.repaired()).isFalse();
        });
        assertThat(summary.remaining()).isEqualTo(1);
    }

    @Test
    void aFileDeletedWithoutReleasingItsContentLeavesAReferenceCountToFix() {
        corrupt(w -> {
            w.removeEntry(dir.fileId(), "file");
            w.removeEntry(sub.fileId(), "hardlink");
            w.deleteInode(file.fileId());
        });
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.REFERENCE_COUNT);
            assertThat(f.kind().contentLeftover()).isFalse();
            assertThat(f.detail()).contains("counts 1 references, the content map has 0");
        });
        repair(new ArrayList<>());
        assertThat(content().gc(Duration.ZERO, p -> {}).deleted()).isEqualTo(1);
        assertThat(objects()).hasSize(1);
        assertThat(check()).isEmpty();
    }

    @Test
    void anObjectNoChunkRecordNamesIsLeakedAndDeleted() {
        String stray = prefix + "/c/ab/" + "ab".repeat(32) + ".1";
        blocks.put(stray, ByteBuffer.wrap(new byte[10]));
        assertThat(check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.LEAKED_CONTENT);
            assertThat(f.kind().contentLeftover()).isTrue();
        });
        repair(new ArrayList<>());
        assertThat(blocks.get(stray)).isEmpty();
        assertThat(objects()).hasSize(2);
    }

    @Test
    void aChunkWhoseObjectIsGoneIsMissingAndItsReadsFail() {
        String hello = meta.read(r -> r.chunks("", 10)).stream()
                .filter(c -> c.length() == 5)
                .findFirst()
                .orElseThrow()
                .objectKey();
        blocks.delete(hello);
        assertThat(check()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.MISSING_CHUNK));
        assertThat(fsck.repair(f -> {}).remaining()).isEqualTo(1);
    }

    @Test
    void aKeyThatIsNotABlockKeyIsReportedAndLeftAlone() {
        blocks.put(prefix + "/not-a-block", ByteBuffer.wrap(new byte[1]));
        assertThat(check()).singleElement().extracting(Finding::kind).isEqualTo(Kind.STRAY_BLOCK);
        FsckSummary summary = fsck.repair(f -> {});
        assertThat(summary.remaining()).isEqualTo(1);
        assertThat(blocks.get(prefix + "/not-a-block")).isPresent();
    }

    @Test
    void blocksOfOtherSharesAreNotLookedAt() {
        blocks.put(Shares.contentPrefix("other") + "/c/ab/abc.1", ByteBuffer.wrap(new byte[1]));
        assertThat(check()).isEmpty();
    }

    @Test
    void aMissingRootIsReported() {
        corrupt(w -> w.deleteInode(MetadataStore.ROOT_ID));
        List<Finding> found = check();
        assertThat(found).extracting(Finding::kind).contains(Kind.ROOT_MISSING, Kind.ORPHAN);
        assertThat(fsck.repair(f -> {}).remaining()).isPositive();
    }
}
