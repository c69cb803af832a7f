package io.dittofs.runtime.auth;

/** How the caller's identity was established. */
public enum AuthFlavor {
    /** No credentials (NFS AUTH_NONE, SMB anonymous or guest). */
    NONE,
    /** Asserted uid/gid, not verified (NFS AUTH_SYS). */
    UNIX,
    /** A password-derived proof verified by the server (SMB NTLMv2). */
    NTLM,
    /** A Kerberos ticket (RPCSEC_GSS, SPNEGO Kerberos). */
    KERBEROS,
    /** Trusted in-process caller. */
    INTERNAL
}
