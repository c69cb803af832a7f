package io.dittofs.runtime.fsck;

import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@code /lost+found} directory that repairs move orphans into. */
final class LostAndFound {
    /** Only root may look inside: orphans keep their modes, but their old path no longer guards them. */
    static final int MODE = 0700;

    private static final SecureRandom RANDOM = new SecureRandom();

    private LostAndFound() {}

    /**
     * The lost+found directory in the root, created (mode 0700, owned by root) when there is
     * none; null when the name is taken by something that is not a directory, or there is no root.
     */
    static @Nullable Inode open(MetadataWriter w, Clock clock) {
        Optional<DirEntry> entry = w.entry(MetadataStore.ROOT_ID, Fsck.LOST_AND_FOUND);
        if (entry.isPresent()) {
            Optional<Inode> existing = w.inode(entry.get().childId());
            return existing.filter(Inode::isDirectory).orElse(null);
        }
        Optional<Inode> root = w.inode(MetadataStore.ROOT_ID);
        if (root.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Inode created = Inode.builder(w.allocateFileId(), RANDOM.nextInt(), FileType.DIRECTORY)
                .mode(MODE)
                .nlink(2)
                .allTimes(nanos)
                .change(nanos)
                .parentId(MetadataStore.ROOT_ID)
                .build();
        w.putInode(created);
        w.putEntry(MetadataStore.ROOT_ID, Fsck.LOST_AND_FOUND, created.fileId());
        Inode r = root.get();
        w.putInode(r.toBuilder()
                .nlink(r.nlink() + 1)
                .mtime(nanos)
                .ctime(nanos)
                .change(Math.max(r.change() + 1, nanos))
                .build());
        return created;
    }
}
