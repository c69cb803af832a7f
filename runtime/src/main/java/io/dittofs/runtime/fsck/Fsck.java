package io.dittofs.runtime.fsck;

import io.dittofs.store.block.BlockStore;
import io.dittofs.store.metadata.MetadataStore;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks, and optionally repairs, the consistency of one share: its {@link MetadataStore} and the
 * chunk objects its files' content maps refer to, kept in a {@link BlockStore} under {@code
 * <prefix>/c/}.
 *
 * <p>What is checked (see {@link Finding.Kind}): every directory entry points to a live inode;
 * every directory is held by exactly one entry and names that entry's directory as its parent
 * (the root is its own parent); every inode's link count equals the entries pointing at it
 * (directories: 2 + subdirectories); every inode is reachable from the root; every chunk's
 * belongs to a live regular file and lies before its end.
 *
 * <p>How it scans: a breadth-first walk from the root that pages through each directory with
 * {@code list}, then a paged scan of every inode in id order ({@code MetadataReader.inodes}),
 * then a paged listing of the share's blocks. Each page is its own read transaction; nothing
 * loads the tree at once. What it keeps in memory: a map of file id to the entries counted
 * pointing at it, one boxed entry per reachable inode (about 80 bytes each, so some 800 MB for
 * ten million files; needed to check link counts and find orphans without an index by child),
 * the queue of directories still to walk, and, when repairing, the ids of orphans.
 *
 * <p>Repair ({@link #repair}) fixes what it finds as it goes, each fix a small SYNC write
 * transaction that rechecks its premise; then, because one fix can change another count (an
 * adopted orphan directory brings its entries back into the count), it runs repair passes again
 * while they still fix something (at most {@value #MAX_REPAIR_PASSES}), and a last check pass
 * whose count is {@link FsckSummary#remaining}.
 *
 * <p>Threading: one run at a time per instance. Meant for a share no server is serving (offline):
 * run against a live share, concurrent operations show up as false findings, and a repair could
 * undo them. Online, check a read-only view of the metadata that is one consistent moment (the
 * stores' snapshot views), namespace only ({@link #namespaceOnly}).
 */
public final class Fsck {
    /** Entries, inodes and block keys read per transaction. */
    static final int PAGE = 1000;

    /** The root directory that adopted orphans go into. */
    public static final String LOST_AND_FOUND = "lost+found";

    static final int MAX_REPAIR_PASSES = 3;

    private final MetadataStore meta;
    /** Null for a namespace-only check. */
    private final @Nullable BlockStore blocks;

    private final String contentPrefix;
    private final Clock clock;

    /** @param contentPrefix the first key segment of the share's objects (without the slash) */
    public Fsck(MetadataStore meta, BlockStore blocks, String contentPrefix, Clock clock) {
        this.meta = meta;
        this.blocks = blocks;
        this.contentPrefix = contentPrefix;
        this.clock = clock;
    }

    /**
     * A check of the namespace only (entries, link counts, parents, orphans), no content blocks:
     * for a share that is being served, whose block store belongs to the running daemon and whose
     * blocks change under any listing ({@code dittofs fsck --online}). Use {@link #check}.
     */
    public static Fsck namespaceOnly(MetadataStore meta, Clock clock) {
        return new Fsck(meta, clock);
    }

    private Fsck(MetadataStore meta, Clock clock) {
        this.meta = meta;
        this.blocks = null;
        this.contentPrefix = "";
        this.clock = clock;
    }

    /** Checks the share, changing nothing; every finding goes to {@code sink} as it is found. */
    public FsckSummary check(Consumer<Finding> sink) {
        Pass pass = pass(false, sink);
        return new FsckSummary(
                pass.directories, pass.entries, pass.inodes, pass.blocks, pass.findings, 0, pass.findings);
    }

    /**
     * Checks the share and fixes what it safely can. {@code sink} gets every finding of the first
     * pass (with whether it was repaired) and the repaired findings of later passes.
     */
    public FsckSummary repair(Consumer<Finding> sink) {
        Pass first = pass(true, sink);
        long findings = first.findings;
        long repaired = first.repaired;
        long lastRepaired = first.repaired;
        for (int i = 1; i < MAX_REPAIR_PASSES && lastRepaired > 0; i++) {
            Pass again = pass(true, f -> {
                if (f.repaired()) {
                    sink.accept(f);
                }
            });
            findings += again.repaired;
            repaired += again.repaired;
            lastRepaired = again.repaired;
        }
        Pass verify = findings == 0 ? first : pass(false, f -> {});
        return new FsckSummary(
                first.directories, first.entries, first.inodes, first.blocks, findings, repaired, verify.findings);
    }

    private Pass pass(boolean repair, Consumer<Finding> sink) {
        Pass pass = new Pass(repair, sink);
        NamespaceScan namespace = new NamespaceScan(meta, pass, clock);
        namespace.run();
        if (blocks != null) {
            new ContentScan(meta, blocks, contentPrefix, pass, clock).run();
        }
        return pass;
    }

    /** The state of one pass: whether it repairs, where findings go, and what it counted. */
    static final class Pass {
        final boolean repair;
        private final Consumer<Finding> sink;
        long directories;
        long entries;
        long inodes;
        long blocks;
        long findings;
        long repaired;

        Pass(boolean repair, Consumer<Finding> sink) {
            this.repair = repair;
            this.sink = sink;
        }

        void report(Finding.Kind kind, long fileId, long dirId, String detail, boolean fixed) {
            findings++;
            if (fixed) {
                repaired++;
            }
            sink.accept(new Finding(kind, fileId, dirId, detail, fixed));
        }
    }
}
