package io.dittofs.runtime.fs;

/** The outcome of a SETATTR: the file before and after. */
public record SetAttributesResult(WccAttributes before, Attributes after) {}
