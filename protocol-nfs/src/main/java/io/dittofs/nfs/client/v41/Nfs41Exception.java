package io.dittofs.nfs.client.v41;

/** An operation of a COMPOUND failed with an nfsstat4. */
public final class Nfs41Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int op;
    private final int status;

    public Nfs41Exception(int op, int status) {
        super("NFSv4.1 operation " + op + " failed: nfsstat4 " + status);
        this.op = op;
        this.status = status;
    }

    public int op() {
        return op;
    }

    public int status() {
        return status;
    }
}
