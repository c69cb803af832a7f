package io.dittofs.runtime.open;

/**
 * The holder whose caching of a parent directory the current change must not break: an SMB
 * client that changes a directory's entries through an open whose lease names the directory's
 * lease as its parent (ParentLeaseKey, MS-SMB2 2.2.13.2.10 and 3.3.4.7) keeps its directory
 * lease. The adapter binds it around the file-system call; unbound, the caller's own protocol
 * holder is exempt, as for every other break.
 */
public final class ParentCaching {
    /** The exempt holder, as {@link OpenHandle#holder()} names holders. */
    public static final ScopedValue<String> HOLDER = ScopedValue.newInstance();

    private ParentCaching() {}
}
