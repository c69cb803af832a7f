package io.dittofs.runtime.fs;

/** The outcome of a hard link: the file's new attributes and the directory before and after. */
public record LinkResult(Attributes file, DirectoryChange directory) {}
