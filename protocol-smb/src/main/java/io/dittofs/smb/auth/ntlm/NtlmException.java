package io.dittofs.smb.auth.ntlm;

/** A malformed NTLM message. */
public final class NtlmException extends RuntimeException {
    public NtlmException(String message) {
        super(message, null, false, false);
    }
}
