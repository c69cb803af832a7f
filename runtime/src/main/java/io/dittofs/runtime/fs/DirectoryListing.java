package io.dittofs.runtime.fs;

import java.util.List;

/**
 * One page of a directory listing.
 *
 * @param entries in cookie order; never "." or ".." (adapters synthesize them)
 * @param eof whether the listing is complete
 * @param verifier the cookie verifier to send back with the next page's cookie
 * @param directory the directory's attributes
 */
public record DirectoryListing(List<DirectoryEntry> entries, boolean eof, long verifier, Attributes directory) {
    public DirectoryListing {
        entries = List.copyOf(entries);
    }
}
