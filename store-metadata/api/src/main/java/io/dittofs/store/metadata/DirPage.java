package io.dittofs.store.metadata;

import java.util.List;

/**
 * One page of a directory listing.
 *
 * @param entries ascending by cookie
 * @param eof {@code true} when no entry follows the last one
 */
public record DirPage(List<DirEntry> entries, boolean eof) {
    /**
     * The smallest cookie a store assigns. 0 means "from the start"; 1 and 2 are left to the
     * protocol adapters for their synthesized "." and ".." entries.
     */
    public static final long FIRST_COOKIE = 3;

    public DirPage {
        entries = List.copyOf(entries);
    }
}
