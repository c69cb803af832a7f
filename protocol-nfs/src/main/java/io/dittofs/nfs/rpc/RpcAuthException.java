package io.dittofs.nfs.rpc;

/** A credential refused; answered as MSG_DENIED / AUTH_ERROR with {@link #authStat()} (RFC 5531 section 9). */
public final class RpcAuthException extends RuntimeException {
    private final int authStat;

    public RpcAuthException(int authStat, String message) {
        super(message, null, false, false);
        this.authStat = authStat;
    }

    public int authStat() {
        return authStat;
    }
}
