package io.dittofs.runtime.fsck;

/**
 * One inconsistency {@link Fsck} found.
 *
 * @param kind what is wrong
 * @param fileId the inode concerned (for content, the file id its block key names; 0 when the key
 *     names none)
 * @param dirId the directory involved (the one holding a bad entry, the directory an inode should
 *     name as parent), 0 when none
 * @param detail what was found, and what was done about it, for a person to read
 * @param repaired whether the repair fixed it
 */
public record Finding(Kind kind, long fileId, long dirId, String detail, boolean repaired) {

    /** The kinds of inconsistency, and what {@code --repair} does about each. */
    public enum Kind {
        /** The share has no root inode. Not repaired: nothing can be reached. */
        ROOT_MISSING(false),
        /** A directory entry names an inode that does not exist. Repair: the entry is removed. */
        DANGLING_ENTRY(false),
        /**
         * A second entry points at a directory (directories have exactly one). Repair: the entry
         * found later in the walk is removed.
         */
        DIRECTORY_LINKED_TWICE(false),
        /** A directory's parentId is not the directory whose entry holds it. Repair: it is set. */
        WRONG_PARENT(false),
        /**
         * An inode's nlink differs from the entries pointing at it (directories: 2 + their
         * subdirectories). Repair: nlink is set to the count.
         */
        LINK_COUNT(false),
        /**
         * An inode no entry reaches from the root. Repair: the topmost orphans are moved into
         * {@code /lost+found} (created mode 0700 when missing) as {@code #<fileId>}; what they
         * contain comes along.
         */
        ORPHAN(false),
        /**
         * An object under the share's chunk or pack prefix that no chunk index record names (for
         * a pack: no pack record and no chunk record): an upload whose metadata never committed,
         * or an object garbage collection could not delete.
         * Repair: the object is deleted.
         */
        LEAKED_CONTENT(true),
        /**
         * A chunk the content map refers to whose index record or object is missing. Not
         * repaired: the bytes are gone; reads of them fail with an I/O error.
         */
        MISSING_CHUNK(false),
        /**
         * A chunk index record whose reference count differs from the extents that refer to it.
         * Repair: the count is set (a chunk left with none waits for garbage collection).
         */
        REFERENCE_COUNT(false),
        /**
         * A pack record whose live chunk count or bytes differ from the chunk records pointing into
         * the pack, or chunk records pointing into a pack that has no record. Repair: the counts
         * are set (a pack record is created for the latter); a pack left with no live chunk waits
         * for garbage collection.
         */
        PACK_ACCOUNTING(false),
        /** A key under the share's prefix that is not a chunk object (e.g. the retired fixed-block layout's). Not repaired. */
        STRAY_BLOCK(false);

        private final boolean contentLeftover;

        Kind(boolean contentLeftover) {
            this.contentLeftover = contentLeftover;
        }

        /**
         * Whether this is content nothing refers to. The pipeline uploads an object before the
         * metadata that points at it commits, so a crash between the two leaves such an object
         * (the share cleans these up when it opens): it takes space but loses no acknowledged
         * data. Every other kind is damage.
         */
        public boolean contentLeftover() {
            return contentLeftover;
        }
    }
}
