package io.dittofs.smb.wire;

import org.jspecify.annotations.Nullable;

/** The SMB2 dialects (MS-SMB2 section 2.2.3, "Dialects"), in increasing order. */
public enum Dialect {
    SMB_2_0_2(0x0202),
    SMB_2_1(0x0210),
    SMB_3_0(0x0300),
    SMB_3_0_2(0x0302),
    SMB_3_1_1(0x0311);

    /** The "SMB 2.???" wildcard revision answered to a multi-protocol negotiate (MS-SMB2 3.3.5.3.1). */
    public static final int WILDCARD = 0x02FF;

    private final int revision;

    Dialect(int revision) {
        this.revision = revision;
    }

    public int revision() {
        return revision;
    }

    public boolean isSmb3() {
        return this.compareTo(SMB_3_0) >= 0;
    }

    public static @Nullable Dialect of(int revision) {
        for (Dialect d : values()) {
            if (d.revision == revision) {
                return d;
            }
        }
        return null;
    }
}
