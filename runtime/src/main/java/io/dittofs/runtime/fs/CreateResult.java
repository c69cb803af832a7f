package io.dittofs.runtime.fs;

/**
 * The outcome of a create.
 *
 * @param created the new (or, for an unchecked or retransmitted exclusive create, existing) file
 * @param directory the parent directory before and after
 * @param existed whether the name already existed (unchecked or exclusive create)
 */
public record CreateResult(Attributes created, DirectoryChange directory, boolean existed) {}
