package io.dittofs.smb.wire;

/**
 * A request the server refuses with a given status: malformed fields, offsets outside the
 * message, an unknown handle. Thrown by decoders and handlers, turned into an ERROR response by
 * the pipeline; never carries a stack trace (it is the client's fault, not ours).
 */
public final class SmbProtocolException extends RuntimeException {
    private final NtStatus status;

    public SmbProtocolException(NtStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public NtStatus status() {
        return status;
    }

    public static SmbProtocolException invalid(String message) {
        return new SmbProtocolException(NtStatus.STATUS_INVALID_PARAMETER, message);
    }
}
