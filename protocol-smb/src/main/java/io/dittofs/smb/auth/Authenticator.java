package io.dittofs.smb.auth;

/**
 * One authentication exchange of a SESSION_SETUP sequence: the GSS tokens of each leg go in, the
 * next token or the outcome comes out. A new instance serves each exchange; the SMB layer knows
 * nothing of the mechanism (NTLM today; Kerberos plugs in behind SPNEGO later).
 *
 * <p>Threading: one exchange is driven by one request at a time (a client sends the legs in
 * order); implementations need not be thread-safe.
 */
public interface Authenticator {
    AuthStep step(byte[] token);
}
