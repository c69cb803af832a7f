package io.dittofs.store.metadata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of a transaction. */
public interface MetadataReader
        extends XattrReader, // extended attributes, in their own file
                StateReader, // persistent protocol state, in its own file
                ContentIndexReader { // file content maps and the chunk index, in their own file

    /** The inode with this id, or empty when there is none. */
    Optional<Inode> inode(long fileId);

    /** The entry {@code name} of directory {@code dirId}, matched exactly (case-sensitively). */
    Optional<DirEntry> entry(long dirId, String name);

    /**
     * Every entry of {@code dirId} whose name folds (see {@link NameFolding#fold}) to {@code foldedName},
     * in ascending cookie order. Answered from an index, never by scanning the directory.
     */
    List<DirEntry> entriesFolded(long dirId, String foldedName);

    /**
     * Up to {@code limit} entries of {@code dirId} with a cookie greater than {@code afterCookie}, in
     * ascending cookie order. {@code afterCookie} 0 starts at the beginning; a cookie of an entry
     * that has since been removed still resumes at the right place.
     */
    DirPage list(long dirId, long afterCookie, int limit);

    /** Whether directory {@code dirId} has at least one entry. */
    boolean hasEntries(long dirId);

    /**
     * Up to {@code limit} inodes with a file id greater than {@code afterFileId}, in ascending id
     * order: a scan of every inode, one page at a time, for offline checks such as fsck (the
     * runtime never needs it to serve a request). {@code afterFileId} 0 starts at the beginning;
     * a short page (fewer than {@code limit}) is the last one.
     */
    List<Inode> inodes(long afterFileId, int limit);

    /** How many inodes the store holds. */
    long inodeCount();

    /**
     * The inodes of {@code fileIds} that exist, keyed by id in the order given: one batched read
     * where the store can (a listing with attributes), rather than one read per entry. Stores
     * override this default where a batch is cheaper than single reads.
     */
    default Map<Long, Inode> inodes(Collection<Long> fileIds) {
        Map<Long, Inode> found = new LinkedHashMap<>();
        for (long id : fileIds) {
            inode(id).ifPresent(i -> found.put(id, i));
        }
        return found;
    }
}
