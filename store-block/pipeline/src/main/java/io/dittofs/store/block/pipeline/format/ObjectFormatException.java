package io.dittofs.store.block.pipeline.format;

/** Bytes that are not a well-formed object of a format version we read; {@link #kind()} says why. */
public final class ObjectFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the bytes were rejected. */
    public enum Kind {
        /** Fewer bytes than the header or the payload it announces. */
        TRUNCATED,
        /** Not an object at all: the first four bytes are not the magic. */
        BAD_MAGIC,
        /** An object from a newer format version (or a corrupt version byte). */
        UNSUPPORTED_VERSION,
        /** A well-framed header with impossible contents or a wrong checksum. */
        CORRUPT
    }

    private final Kind kind;

    public ObjectFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
