package io.dittofs.smb.signing;

import org.jspecify.annotations.Nullable;

/** The encryption ciphers and their ids (MS-SMB2 section 2.2.3.1.2). */
public enum Cipher {
    AES_128_CCM(0x0001, 16),
    AES_128_GCM(0x0002, 16),
    AES_256_CCM(0x0003, 32),
    AES_256_GCM(0x0004, 32);

    private final int id;
    private final int keyLength;

    Cipher(int id, int keyLength) {
        this.id = id;
        this.keyLength = keyLength;
    }

    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public static @Nullable Cipher of(int id) {
        for (Cipher c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }
}
