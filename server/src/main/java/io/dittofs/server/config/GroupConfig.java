package io.dittofs.server.config;

/** A group: name and gid. */
public record GroupConfig(String name, Integer gid) {}
