package io.dittofs.runtime.fs;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a directory listing.
 *
 * @param name the entry's name, case preserved
 * @param id the file it names
 * @param cookie where to resume after this entry
 * @param attributes the file's attributes, when the listing asked for them
 */
public record DirectoryEntry(
        String name, NodeId id, long cookie, @Nullable Attributes attributes) {}
