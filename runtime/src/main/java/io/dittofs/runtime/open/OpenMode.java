package io.dittofs.runtime.open;

/**
 * What an open does to a file ({@code access}) and what it forbids every other open to do
 * ({@code deny}), as bit sets of {@link #READ}, {@link #WRITE} and {@link #DELETE}.
 *
 * <p>Both protocols reduce to this: SMB's DesiredAccess gives {@code access} and the complement
 * of its ShareAccess gives {@code deny} (MS-FSA 2.1.5.1.2); NFSv4 OPEN carries share_access and
 * share_deny directly (RFC 8881 section 9.7), with no DELETE bit. An open with {@code access}
 * 0 (attributes only) never conflicts on access, as in MS-FSA.
 */
public record OpenMode(int access, int deny) {
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int DELETE = 4;
    private static final int ALL = READ | WRITE | DELETE;

    public OpenMode {
        if ((access & ~ALL) != 0 || (deny & ~ALL) != 0) {
            throw new IllegalArgumentException("unknown open mode bits: access=" + access + " deny=" + deny);
        }
    }

    /** Whether this open and {@code other} cannot both be open on one file. */
    public boolean conflictsWith(OpenMode other) {
        return (access & other.deny) != 0 || (deny & other.access) != 0;
    }

    /** Whether this mode asks for nothing {@code wider} does not (NFSv4 OPEN_DOWNGRADE). */
    public boolean isSubsetOf(OpenMode wider) {
        return (access & ~wider.access) == 0 && (deny & ~wider.deny) == 0;
    }
}
