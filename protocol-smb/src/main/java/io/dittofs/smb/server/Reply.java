package io.dittofs.smb.server;

import io.dittofs.smb.messages.Smb2ErrorResponse;
import io.dittofs.smb.messages.Smb2Response;
import io.dittofs.smb.wire.NtStatus;

/**
 * What a handler answers: a status and a body (the ERROR body for error statuses).
 *
 * @param status the NTSTATUS for the header
 * @param body the response body
 */
public record Reply(NtStatus status, Smb2Response body) {
    public static Reply ok(Smb2Response body) {
        return new Reply(NtStatus.STATUS_SUCCESS, body);
    }

    public static Reply error(NtStatus status) {
        return new Reply(status, Smb2ErrorResponse.INSTANCE);
    }
}
