package io.dittofs.runtime.fs;

/**
 * The outcome of a remove or rmdir.
 *
 * @param directory the parent directory before and after
 * @param removed the removed file's id
 * @param lastLink whether the file itself is gone (its last name was removed)
 */
public record RemoveResult(DirectoryChange directory, NodeId removed, boolean lastLink) {}
