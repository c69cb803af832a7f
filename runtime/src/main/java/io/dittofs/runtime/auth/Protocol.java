package io.dittofs.runtime.auth;

/** The protocol a request came in on. */
public enum Protocol {
    NFS3,
    NFS4,
    SMB2,
    /** The daemon itself, or a test: not a network client. */
    INTERNAL
}
