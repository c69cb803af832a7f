package io.dittofs.runtime.fs;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a rename.
 *
 * @param from the source directory before and after
 * @param to the target directory before and after (the same as {@code from} within one directory)
 * @param replaced the file the target name pointed at before, when the rename replaced one
 */
public record RenameResult(
        DirectoryChange from, DirectoryChange to, @Nullable NodeId replaced) {}
