package io.dittofs.runtime.fs;

import java.nio.ByteBuffer;

/**
 * The outcome of a read.
 *
 * @param data the bytes read (position 0 to limit); the caller owns the buffer
 * @param eof whether the read reached the end of the file
 * @param attributes the file after the read
 */
public record ReadResult(ByteBuffer data, boolean eof, Attributes attributes) {}
