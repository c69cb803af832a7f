package io.dittofs.runtime.open;

/**
 * Caching a client may do on a file, as bits: the SMB lease states of MS-SMB2 2.2.13.2.8 (read,
 * handle, write caching; an oplock is a lease of one handle) and NFSv4 delegations (a read
 * delegation is {@code READ | HANDLE}, since its holder opens and closes the file without asking
 * the server, RFC 8881 section 10.4; a write delegation would be {@code READ | WRITE | HANDLE}).
 */
public final class Caching {
    /** The client may cache reads: nobody else writes. */
    public static final int READ = 1;
    /** The client may cache writes: nobody else opens the file. */
    public static final int WRITE = 2;
    /** The client may keep handles open after the application closes them. */
    public static final int HANDLE = 4;

    public static final int NONE = 0;
    static final int ALL = READ | WRITE | HANDLE;

    private Caching() {}

    /** What a grant held by someone else may keep when {@code intent} happens. */
    static int remainingAfter(int level, BreakIntent intent) {
        return switch (intent) {
            // Another reader: cached writes must reach the server first (MS-SMB2 3.3.4.7).
            case OPEN_READ -> level & ~WRITE;
            // Someone else changes the data (or a directory's entries): cached reads go stale too.
            case OPEN_WRITE, MODIFY, PARENT -> level & ~(WRITE | READ);
            // A rename, a delete or a sharing conflict: cached handles must really be closed.
            // A permission change: handles cached under the old permissions must be reopened.
            case NAMESPACE, ATTRIBUTES -> level & ~(WRITE | HANDLE);
        };
    }
}
