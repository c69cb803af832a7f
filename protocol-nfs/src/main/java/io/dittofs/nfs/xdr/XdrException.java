package io.dittofs.nfs.xdr;

/**
 * Bytes that do not decode as the expected XDR type: too short, a length past its maximum, or a
 * discriminant with no arm. The RPC layer answers GARBAGE_ARGS for these (RFC 5531 section 9).
 */
public final class XdrException extends RuntimeException {
    public XdrException(String message) {
        super(message, null, false, false);
    }
}
