package io.dittofs.runtime.error;

/**
 * The one exception the runtime throws for a failed file operation. Adapters map {@link #code()}
 * to their wire status; {@link #getMessage()} is for logs, never sent to a client.
 */
public final class FsException extends RuntimeException {
    private final ErrorCode code;

    public FsException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public FsException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, true);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
