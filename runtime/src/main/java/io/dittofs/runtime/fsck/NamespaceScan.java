package io.dittofs.runtime.fsck;

import io.dittofs.runtime.fsck.Finding.Kind;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataReader;
import io.dittofs.store.metadata.MetadataStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The namespace part of one {@link Fsck} pass: the walk from the root, the scan of every inode,
 * and (when repairing) the adoption of orphans into {@code /lost+found}.
 *
 * <p>Threading: confined to the thread running the pass.
 */
final class NamespaceScan {
    private final MetadataStore meta;
    private final Fsck.Pass pass;
    private final Clock clock;

    /**
     * Entries counted pointing at each reached inode. The root starts at 1: it is its own
     * parent, so any entry pointing at it is one too many.
     */
    private final Map<Long, Integer> links = new HashMap<>();

    private final ArrayDeque<Long> pendingDirectories = new ArrayDeque<>();
    /** Orphans found by the inode scan, kept only when repairing. */
    private final Set<Long> orphans = new LinkedHashSet<>();

    private final Set<Long> orphanDirectories = new HashSet<>();
    private boolean rootPresent;

    NamespaceScan(MetadataStore meta, Fsck.Pass pass, Clock clock) {
        this.meta = meta;
        this.pass = pass;
        this.clock = clock;
    }

    void run() {
        walk();
        scanInodes();
        if (pass.repair && rootPresent && !orphans.isEmpty()) {
            adoptOrphans();
        }
    }

    // ---- the walk from the root ---------------------------------------------------------------

    private void walk() {
        Optional<Inode> root = meta.read(r -> r.inode(MetadataStore.ROOT_ID));
        if (root.isEmpty() || !root.get().isDirectory()) {
            pass.report(Kind.ROOT_MISSING, MetadataStore.ROOT_ID, 0, "the share has no root directory", false);
            return;
        }
        rootPresent = true;
        links.put(MetadataStore.ROOT_ID, 1);
        checkParent(root.get(), MetadataStore.ROOT_ID);
        pendingDirectories.add(MetadataStore.ROOT_ID);
        while (!pendingDirectories.isEmpty()) {
            walkDirectory(pendingDirectories.poll());
        }
    }

    /** An entry and the inode it names, if any. */
    private record Child(DirEntry entry, @Nullable Inode inode) {}

    private record ChildPage(List<Child> children, boolean eof) {}

    private void walkDirectory(long dirId) {
        pass.directories++;
        int subdirectories = 0;
        long cookie = 0;
        boolean eof = false;
        while (!eof) {
            long after = cookie;
            ChildPage page = meta.read(r -> {
                DirPage p = r.list(dirId, after, Fsck.PAGE);
                List<Child> children = new ArrayList<>(p.entries().size());
                for (DirEntry e : p.entries()) {
                    children.add(new Child(e, r.inode(e.childId()).orElse(null)));
                }
                return new ChildPage(children, p.eof());
            });
            for (Child c : page.children()) {
                pass.entries++;
                cookie = c.entry().cookie();
                if (visit(c.entry(), c.inode())) {
                    subdirectories++;
                }
            }
            eof = page.eof() || page.children().isEmpty();
        }
        checkDirectoryLinks(dirId, 2 + subdirectories);
    }

    /** Counts one entry; returns whether it is a subdirectory of its directory. */
    private boolean visit(DirEntry e, @Nullable Inode child) {
        if (child == null) {
            boolean fixed =
                    pass.repair && removeEntryIf(e, w -> w.inode(e.childId()).isEmpty());
            pass.report(
                    Kind.DANGLING_ENTRY,
                    e.childId(),
                    e.dirId(),
                    "entry '" + e.name() + "' points to missing inode " + e.childId() + (fixed ? "; removed" : ""),
                    fixed);
            return false;
        }
        if (!child.isDirectory()) {
            links.merge(child.fileId(), 1, Integer::sum);
            return false;
        }
        boolean extra = links.containsKey(child.fileId())
                || (child.parentId() != e.dirId() && holds(child.parentId(), e.dirId(), child.fileId()));
        if (extra) {
            // Not counted: a directory's link count is its subdirectories, not the entries naming it.
            boolean fixed = pass.repair && removeEntryIf(e, w -> true);
            pass.report(
                    Kind.DIRECTORY_LINKED_TWICE,
                    child.fileId(),
                    e.dirId(),
                    "entry '" + e.name() + "' is another link to directory " + child.fileId()
                            + (fixed ? "; removed" : ""),
                    fixed);
            return false;
        }
        links.put(child.fileId(), 1);
        checkParent(child, e.dirId());
        pendingDirectories.add(child.fileId());
        return true;
    }

    /**
     * Whether directory {@code parentId} (another than {@code holder}) has an entry for {@code
     * childId}: then that is the directory's real entry, and the one in {@code holder} the extra
     * link. A scan of the parent, done only when a directory names a parent other than the one
     * holding it.
     */
    private boolean holds(long parentId, long holder, long childId) {
        if (parentId == holder || parentId == childId) {
            return false;
        }
        long cookie = 0;
        while (true) {
            long after = cookie;
            DirPage page =
                    meta.read(r -> r.inode(parentId).filter(Inode::isDirectory).isPresent()
                            ? r.list(parentId, after, Fsck.PAGE)
                            : new DirPage(List.of(), true));
            for (DirEntry pe : page.entries()) {
                if (pe.childId() == childId) {
                    return true;
                }
                cookie = pe.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                return false;
            }
        }
    }

    private void checkParent(Inode dir, long holder) {
        if (dir.parentId() == holder) {
            return;
        }
        boolean fixed = pass.repair && updateInode(dir.fileId(), i -> i.isDirectory(), b -> b.parentId(holder));
        pass.report(
                Kind.WRONG_PARENT,
                dir.fileId(),
                holder,
                "directory " + dir.fileId() + " names " + dir.parentId() + " as its parent but is held by " + holder
                        + (fixed ? "; set" : ""),
                fixed);
    }

    private void checkDirectoryLinks(long dirId, int expected) {
        Optional<Inode> dir = meta.read(r -> r.inode(dirId));
        if (dir.isPresent() && dir.get().nlink() != expected) {
            reportLinkCount(dir.get(), expected);
        }
    }

    private void reportLinkCount(Inode inode, int counted) {
        boolean fixed = pass.repair && updateInode(inode.fileId(), i -> true, b -> b.nlink(counted));
        pass.report(
                Kind.LINK_COUNT,
                inode.fileId(),
                0,
                inode.type() + " " + inode.fileId() + " has nlink " + inode.nlink() + " but " + counted + " counted"
                        + (fixed ? "; set" : ""),
                fixed);
    }

    // ---- the inode scan -----------------------------------------------------------------------

    private void scanInodes() {
        long after = 0;
        while (true) {
            long from = after;
            List<Inode> page = meta.read(r -> r.inodes(from, Fsck.PAGE));
            for (Inode i : page) {
                pass.inodes++;
                Integer counted = links.get(i.fileId());
                if (counted == null) {
                    orphan(i);
                } else if (!i.isDirectory() && i.nlink() != counted) {
                    reportLinkCount(i, counted);
                }
            }
            if (page.size() < Fsck.PAGE) {
                return;
            }
            after = page.getLast().fileId();
        }
    }

    private void orphan(Inode i) {
        if (pass.repair && rootPresent) {
            orphans.add(i.fileId());
            if (i.isDirectory()) {
                orphanDirectories.add(i.fileId());
            }
            return; // reported when adopted
        }
        pass.report(Kind.ORPHAN, i.fileId(), 0, i.type() + " " + i.fileId() + " is not reachable from the root", false);
    }

    // ---- adoption -----------------------------------------------------------------------------

    /**
     * Moves the topmost orphans (those no orphaned directory holds) into {@code /lost+found};
     * the rest come along inside them. Orphans that only hold each other (a cycle of
     * directories) have no top and stay: the check after the repair reports them.
     */
    private void adoptOrphans() {
        Set<Long> held = new HashSet<>();
        for (long dirId : orphanDirectories) {
            long cookie = 0;
            while (true) {
                long after = cookie;
                DirPage page = meta.read(r -> r.list(dirId, after, Fsck.PAGE));
                for (DirEntry e : page.entries()) {
                    if (orphans.contains(e.childId())) {
                        held.add(e.childId());
                    }
                    cookie = e.cookie();
                }
                if (page.eof() || page.entries().isEmpty()) {
                    break;
                }
            }
        }
        boolean adoptedAny = false;
        for (long id : orphans) {
            if (held.contains(id)) {
                continue;
            }
            String where = adopt(id);
            adoptedAny |= where != null;
            pass.report(
                    Kind.ORPHAN,
                    id,
                    0,
                    "inode " + id + " is not reachable from the root"
                            + (where == null
                                    ? "; could not be moved to /" + Fsck.LOST_AND_FOUND
                                    : "; moved to " + where),
                    where != null);
        }
        // Counted as repaired when an adoption brought their directories back; orphans that only
        // hold each other stay unreachable, and the check after the repair counts them.
        for (long id : held) {
            pass.report(
                    Kind.ORPHAN,
                    id,
                    0,
                    "inode " + id + " is not reachable from the root; it is inside an orphaned directory"
                            + (adoptedAny ? " moved to /" + Fsck.LOST_AND_FOUND : ""),
                    adoptedAny);
        }
    }

    /** Links orphan {@code id} into lost+found; returns its new path, or null when it cannot. */
    private @Nullable String adopt(long id) {
        String name = "#" + id;
        return meta.write(Durability.SYNC, w -> {
            Optional<Inode> orphan = w.inode(id);
            Inode lostAndFound = LostAndFound.open(w, clock);
            if (orphan.isEmpty()
                    || lostAndFound == null
                    || w.entry(lostAndFound.fileId(), name).isPresent()) {
                return null;
            }
            Inode o = orphan.get();
            w.putEntry(lostAndFound.fileId(), name, id);
            if (o.isDirectory()) {
                w.putInode(o.toBuilder().parentId(lostAndFound.fileId()).build());
                w.putInode(
                        lostAndFound.toBuilder().nlink(lostAndFound.nlink() + 1).build());
            } else {
                w.putInode(o.toBuilder().nlink(1).build());
            }
            return "/" + Fsck.LOST_AND_FOUND + "/" + name;
        });
    }

    // ---- repairs ------------------------------------------------------------------------------

    private interface WriterCheck {
        boolean holds(MetadataReader r);
    }

    /** Removes entry {@code e} if it still points where it did and {@code check} holds. */
    private boolean removeEntryIf(DirEntry e, WriterCheck check) {
        return meta.write(Durability.SYNC, w -> {
            Optional<DirEntry> now = w.entry(e.dirId(), e.name());
            if (now.isEmpty() || now.get().childId() != e.childId() || !check.holds(w)) {
                return false;
            }
            return w.removeEntry(e.dirId(), e.name());
        });
    }

    private interface InodeCheck {
        boolean holds(Inode i);
    }

    private interface InodeChange {
        Inode.Builder apply(Inode.Builder b);
    }

    private boolean updateInode(long fileId, InodeCheck check, InodeChange change) {
        return meta.write(Durability.SYNC, w -> {
            Optional<Inode> now = w.inode(fileId);
            if (now.isEmpty() || !check.holds(now.get())) {
                return false;
            }
            w.putInode(change.apply(now.get().toBuilder()).build());
            return true;
        });
    }
}
