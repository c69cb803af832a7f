package io.dittofs.runtime.fs;

/**
 * The outcome of a write.
 *
 * @param count bytes written
 * @param committed how durable the data is now (at least what was asked)
 * @param before the file before
 * @param after the file after
 */
public record WriteResult(int count, Stability committed, WccAttributes before, Attributes after) {}
