package io.dittofs.nfs.v4;

/** An operation failed with an nfsstat4 that has no runtime error code (state, sessions, sequencing). */
public final class Nfs4Exception extends RuntimeException {
    private final int status;

    public Nfs4Exception(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
