package io.dittofs.runtime.fsck;

/**
 * What one {@link Fsck} run looked at and found. The counts of what was scanned are those of the
 * first pass.
 *
 * @param directories directories walked from the root
 * @param entries directory entries read
 * @param inodes inodes in the store
 * @param blocks content blocks under the share's prefix
 * @param findings inconsistencies reported
 * @param repaired of those, how many the repair fixed (0 without repair)
 * @param remaining inconsistencies a check after the repair still finds (without repair: {@code
 *     findings})
 */
public record FsckSummary(
        long directories, long entries, long inodes, long blocks, long findings, long repaired, long remaining) {

    /** Whether nothing was found. */
    public boolean clean() {
        return findings == 0;
    }

    @Override
    public String toString() {
        return directories + " directories, " + entries + " entries, " + inodes + " inodes, " + blocks
                + " blocks: " + findings + " problems found, " + repaired + " repaired, " + remaining
                + " remaining";
    }
}
