package io.dittofs.store.block.pipeline;

/**
 * A stored object that does not give back the chunk it should: malformed, failed authentication,
 * did not decompress, or hashes to another name. Reads report it as an I/O error, never as data.
 */
public final class CorruptObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptObjectException(String message) {
        super(message);
    }

    public CorruptObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
