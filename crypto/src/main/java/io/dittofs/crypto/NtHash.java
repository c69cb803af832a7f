package io.dittofs.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The NT hash of a password: MD4 of its UTF-16LE encoding (MS-NLMP section 3.3.1, NTOWFv1).
 * NTLMv2 keys everything from it, so the server must keep it, like a password (encrypted at
 * rest); MD4 comes from BouncyCastle since the JDK has none.
 */
public final class NtHash {
    private NtHash() {}

    public static byte[] of(char[] password) {
        byte[] utf16 = new String(password).getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(utf16, 0, utf16.length);
        byte[] out = new byte[md4.getDigestSize()];
        md4.doFinal(out, 0);
        java.util.Arrays.fill(utf16, (byte) 0);
        return out;
    }
}
