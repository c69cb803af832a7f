package io.dittofs.runtime.acl;

/**
 * Whether an ACE grants or refuses (RFC 8881 section 6.2.1.1, ACE4_ACCESS_ALLOWED_ACE_TYPE = 0,
 * ACE4_ACCESS_DENIED_ACE_TYPE = 1). Audit and alarm ACEs (types 2 and 3) belong to a SACL, which
 * DittoFS does not keep; adapters refuse them.
 */
public enum AceType {
    ALLOW(0),
    DENY(1);

    private final int nfsValue;

    AceType(int nfsValue) {
        this.nfsValue = nfsValue;
    }

    /** The acetype4 value. */
    public int nfsValue() {
        return nfsValue;
    }
}
