package io.dittofs.smb.signing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key derivation function of MS-SMB2 section 3.1.4.2: NIST SP800-108 in counter mode with
 * HMAC-SHA256 as the PRF, r = 32, one iteration (L is 128 or 256 bits).
 *
 * <p>Written by hand: the JDK has no SP800-108 KDF, and BouncyCastle's {@code KDFCounterBytesGenerator}
 * puts the counter before a single fixed-input blob, which would need the same assembling done
 * here anyway; this is six lines over the JDK's HmacSHA256.
 */
public final class Kdf {
    private Kdf() {}

    /** K = HMAC-SHA256(ki, i || label || 0x00 || context || L), truncated to L bits. */
    public static byte[] derive(byte[] ki, byte[] label, byte[] context, int lengthBits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ki, "HmacSHA256"));
            mac.update(ByteBuffer.allocate(4).putInt(1).array()); // i, 32 bits big-endian
            mac.update(label);
            mac.update((byte) 0);
            mac.update(context);
            mac.update(ByteBuffer.allocate(4).putInt(lengthBits).array()); // L, 32 bits big-endian
            byte[] out = new byte[lengthBits / 8];
            System.arraycopy(mac.doFinal(), 0, out, 0, out.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
