package io.dittofs.smb.auth.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The NTLMv2 computations of MS-NLMP section 3.3.2: MD4 and RC4 from BouncyCastle, HMAC-MD5 and
 * MD5 from the JDK. Stateless.
 */
public final class NtlmCrypto {
    private NtlmCrypto() {}

    /** NTOWFv1: MD4(UNICODE(password)), the NT hash. (For tests and account tools.) */
    public static byte[] ntHash(String password) {
        byte[] p = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(p, 0, p.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        return out;
    }

    /** NTOWFv2 = HMAC_MD5(NT hash, UNICODE(Uppercase(User) || UserDom)). */
    public static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * Verifies an NTLMv2 NtChallengeResponse ({@code NTProofStr || temp}) against the server
     * challenge; returns the SessionBaseKey when it matches, {@code null} otherwise.
     */
    public static byte @org.jspecify.annotations.Nullable [] verifyNtlmV2(
            byte[] responseKeyNt, byte[] serverChallenge, byte[] ntResponse) {
        if (ntResponse.length < 16 + 28) {
            return null;
        }
        byte[] proof = Arrays.copyOf(ntResponse, 16);
        byte[] temp = Arrays.copyOfRange(ntResponse, 16, ntResponse.length);
        byte[] expected = hmacMd5(responseKeyNt, concat(serverChallenge, temp));
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, 16), proof)) {
            return null;
        }
        return hmacMd5(responseKeyNt, proof);
    }

    public static byte[] hmacMd5(byte[] key, byte[]... data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] d : data) {
                mac.update(d);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    public static byte[] md5(byte[]... data) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] d : data) {
                md.update(d);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** A fresh RC4 keystream (MS-NLMP RC4K / RC4Init). */
    public static RC4Engine rc4(byte[] key) {
        RC4Engine rc4 = new RC4Engine();
        rc4.init(true, new KeyParameter(key));
        return rc4;
    }

    public static byte[] rc4(byte[] key, byte[] data) {
        byte[] out = new byte[data.length];
        rc4(key).processBytes(data, 0, data.length, out, 0);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
