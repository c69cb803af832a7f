package io.dittofs.smb.auth;

import io.dittofs.smb.wire.NtStatus;

/** The outcome of feeding one security token to an {@link Authenticator}. */
public sealed interface AuthStep {
    /** More legs needed: send {@code token} with STATUS_MORE_PROCESSING_REQUIRED. */
    record Continue(byte[] token) implements AuthStep {}

    /**
     * Authenticated: send {@code token} (may be empty) with STATUS_SUCCESS.
     *
     * @param sessionKey the session key for signing and encryption (empty for guest/anonymous)
     */
    record Success(byte[] token, AuthenticatedIdentity identity, byte[] sessionKey) implements AuthStep {}

    /** Refused with {@code status} (STATUS_LOGON_FAILURE, STATUS_INVALID_PARAMETER). */
    record Failure(NtStatus status, String reason) implements AuthStep {}
}
