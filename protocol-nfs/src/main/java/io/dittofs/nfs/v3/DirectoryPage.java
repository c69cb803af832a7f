package io.dittofs.nfs.v3;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.fs.DirectoryListing;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries READDIR and READDIRPLUS offer from one cookie on: "." (cookie 1) and ".." (cookie
 * 2), which the runtime leaves to adapters, then one page of the runtime's listing, whose cookies
 * start above 2. The handlers pack as many as fit the client's byte budget.
 *
 * @param candidates entries in cookie order
 * @param listing the runtime's page (its eof, verifier and directory attributes)
 */
record DirectoryPage(List<DirectoryEntry> candidates, DirectoryListing listing) {
    static final long DOT_COOKIE = 1;
    static final long DOTDOT_COOKIE = 2;

    /** The smallest entry on the wire (entry3 with a one-byte name), to size the page asked for. */
    static final int MIN_ENTRY_SIZE = 4 + 8 + 8 + 8;

    /** Reads the page of {@code dir} after {@code cookie}, with at most {@code maxEntries} runtime entries. */
    static DirectoryPage read(Target dir, long cookie, long verifier, int maxEntries, boolean withAttributes) {
        boolean fromStart = cookie <= DOTDOT_COOKIE;
        DirectoryListing listing = dir.fs()
                .readDirectory(
                        dir.auth(),
                        dir.node(),
                        fromStart ? 0 : cookie,
                        fromStart ? 0 : verifier,
                        Math.max(1, maxEntries),
                        withAttributes);
        List<DirectoryEntry> candidates = new ArrayList<>(listing.entries().size() + 2);
        if (cookie < DOT_COOKIE) {
            Attributes self = listing.directory();
            candidates.add(new DirectoryEntry(".", self.id(), DOT_COOKIE, withAttributes ? self : null));
        }
        if (cookie < DOTDOT_COOKIE) {
            Attributes parent = dir.fs().lookup(dir.auth(), dir.node(), "..");
            candidates.add(new DirectoryEntry("..", parent.id(), DOTDOT_COOKIE, withAttributes ? parent : null));
        }
        candidates.addAll(listing.entries());
        return new DirectoryPage(candidates, listing);
    }
}
