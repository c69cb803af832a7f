package io.dittofs.runtime.fs;

/**
 * A directory's attributes just before and just after an operation that changed it, taken in
 * the same transaction, so a client can tell whether anyone else changed it in between.
 */
public record DirectoryChange(WccAttributes before, Attributes after) {}
