package io.dittofs.runtime.fs;

import java.nio.ByteBuffer;

/**
 * The outcome of a read.
 *
 * @param data the bytes read (position to limit); the caller owns the buffer, which may be
 *     read-only
 * @param eof whether the read reached the end of the file
 * @param attributes the file after the read
 */
public record ReadResult(ByteBuffer data, boolean eof, Attributes attributes) {}
