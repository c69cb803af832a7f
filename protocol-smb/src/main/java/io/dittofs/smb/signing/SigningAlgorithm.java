package io.dittofs.smb.signing;

import org.jspecify.annotations.Nullable;

/** The signing algorithms and their SigningAlgorithmId values (MS-SMB2 section 2.2.3.1.7). */
public enum SigningAlgorithm {
    HMAC_SHA256(0x0000),
    AES_CMAC(0x0001),
    AES_GMAC(0x0002);

    private final int id;

    SigningAlgorithm(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static @Nullable SigningAlgorithm of(int id) {
        for (SigningAlgorithm a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        return null;
    }
}
