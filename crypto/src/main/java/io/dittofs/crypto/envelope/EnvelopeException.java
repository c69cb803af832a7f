package io.dittofs.crypto.envelope;

/** Envelope encryption failed; {@link #kind()} says how. */
public final class EnvelopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The ciphertext, its header or the wrapped key was modified, or the wrong key was used. */
        AUTHENTICATION_FAILED,
        /** The key provider has no key with the object's key id. */
        UNKNOWN_KEY,
        /** The key file is missing, malformed, or readable by others. */
        BAD_KEY_FILE,
        /** The JDK lacks an algorithm or rejected a parameter: a bug or a broken runtime. */
        INTERNAL
    }

    private final Kind kind;

    public EnvelopeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EnvelopeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
