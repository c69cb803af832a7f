package io.dittofs.runtime.identity;

/** A group of the server: a name and a POSIX group id. */
public record Group(String name, int gid) {}
