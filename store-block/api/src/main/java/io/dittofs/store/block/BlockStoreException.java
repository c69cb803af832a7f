package io.dittofs.store.block;

/** A block store failure, with a {@link Kind} that says what the caller can do about it. */
public final class BlockStoreException extends RuntimeException {

    /** Why the operation failed. */
    public enum Kind {
        /** The store cannot be reached or is overloaded; retrying later may succeed. */
        UNAVAILABLE,
        /** Stored bytes are not what was written. */
        CORRUPT,
        /** The key is not a valid {@link BlockKey}. */
        INVALID_KEY,
        /** The store is out of space. */
        NO_SPACE,
        /** Any other I/O failure. */
        IO
    }

    private final Kind kind;

    public BlockStoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BlockStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
