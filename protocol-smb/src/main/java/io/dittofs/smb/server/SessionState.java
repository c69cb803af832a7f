package io.dittofs.smb.server;

/** Session.State (MS-SMB2 section 3.3.1.8). */
public enum SessionState {
    IN_PROGRESS,
    VALID,
    EXPIRED
}
