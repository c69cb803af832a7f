package io.dittofs.runtime.open;

/** Why another client's caching must be broken. */
public enum BreakIntent {
    /** An open that reads but does not write. */
    OPEN_READ,
    /** An open that writes. */
    OPEN_WRITE,
    /** A change of data or size without an open (NFSv3 WRITE or SETATTR). */
    MODIFY,
    /** A rename or delete of the file, or an open that would hit a sharing violation. */
    NAMESPACE,
    /**
     * A change of mode or ownership without an open (NFSv3 or NFSv4 SETATTR): handles kept open
     * were checked against the old permissions, and cached writes must land first.
     */
    ATTRIBUTES,
    /**
     * An entry of the directory was added, removed or renamed, or the directory's or an entry's
     * attributes changed: the directory's cached listing is stale (MS-FSA 2.1.4.12 with
     * PARENT_OBJECT breaks read and write caching; MS-SMB2 3.3.4.7 directory leases). Nobody
     * waits for such a break.
     */
    PARENT
}
