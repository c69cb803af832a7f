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
         * Content blocks of a file id and generation that is not a live regular file. Repair: the
         * blocks are deleted.
         */
        LEAKED_CONTENT(true),
        /**
         * Content blocks at or past the end of a live file. Repair: the blocks are deleted. Left in
         * place, a later write that extends the file would expose their stale bytes.
         */
        BLOCK_PAST_SIZE(true),
        /** A key under the share's content prefix that is not a block key. Not repaired. */
        STRAY_BLOCK(false);

        private final boolean contentLeftover;

        Kind(boolean contentLeftover) {
            this.contentLeftover = contentLeftover;
        }

        /**
         * Whether this is content the namespace no longer (or not yet) refers to. The runtime
         * flushes a write's blocks before it records the new size, and deletes a removed file's
         * blocks after the removal commits, so a crash between the two steps leaves such blocks:
         * they take space but lose no acknowledged data. Every other kind is damage.
         */
        public boolean contentLeftover() {
            return contentLeftover;
        }
    }
}
