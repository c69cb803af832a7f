package io.dittofs.store.block.pipeline.compress;

/** Compressed bytes that do not decompress to the expected length: a corrupt object. */
public final class CompressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CompressionException(String message) {
        super(message);
    }

    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
