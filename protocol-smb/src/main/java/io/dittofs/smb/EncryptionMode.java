package io.dittofs.smb;

/** Whether the server encrypts SMB 3.x sessions (MS-SMB2 3.3.1.1 EncryptData, RejectUnencryptedAccess). */
public enum EncryptionMode {
    /** Never: no cipher is negotiated. */
    OFF,
    /** A cipher is negotiated, and a client that encrypts is answered encrypted; nothing is required. */
    DESIRED,
    /** Every user session must encrypt; clients that cannot are refused at SESSION_SETUP. */
    REQUIRED
}
