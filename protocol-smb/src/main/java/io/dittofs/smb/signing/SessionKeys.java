package io.dittofs.smb.signing;

import io.dittofs.smb.wire.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys of one session (MS-SMB2 section 3.3.5.5.3): derived from the authentication's session
 * key by the dialect's rules.
 *
 * @param signingKey Session.SigningKey
 * @param encryptionKey Session.EncryptionKey (server to client)
 * @param decryptionKey Session.DecryptionKey (client to server)
 * @param applicationKey Session.ApplicationKey
 */
public record SessionKeys(byte[] signingKey, byte[] encryptionKey, byte[] decryptionKey, byte[] applicationKey) {

    public SessionKeys {
        signingKey = signingKey.clone();
        encryptionKey = encryptionKey.clone();
        decryptionKey = decryptionKey.clone();
        applicationKey = applicationKey.clone();
    }

    /**
     * Derives the keys. For 2.x the signing key is the session key itself (its first 16 bytes);
     * 3.0 and 3.0.2 use fixed labels and contexts; 3.1.1 uses the session's pre-authentication
     * integrity hash as context. Encryption keys are 256 bits for the AES-256 ciphers.
     *
     * @param sessionKey the authentication's session key (ExportedSessionKey for NTLM)
     * @param preauthHash the session's PreauthIntegrityHashValue (3.1.1), otherwise ignored
     * @param cipher the connection's cipher, or {@code null}
     */
    public static SessionKeys derive(Dialect dialect, byte[] sessionKey, byte[] preauthHash, Cipher cipher) {
        byte[] ki = Arrays.copyOf(sessionKey, 16);
        if (!dialect.isSmb3()) {
            return new SessionKeys(ki, new byte[0], new byte[0], new byte[0]);
        }
        int encBits = cipher.keyLength() * 8;
        byte[] encKi = encBits == 256 ? sessionKey.clone() : ki;
        if (dialect == Dialect.SMB_3_1_1) {
            return new SessionKeys(
                    Kdf.derive(ki, z("SMBSigningKey"), preauthHash, 128),
                    Kdf.derive(encKi, z("SMBS2CCipherKey"), preauthHash, encBits),
                    Kdf.derive(encKi, z("SMBC2SCipherKey"), preauthHash, encBits),
                    Kdf.derive(ki, z("SMBAppKey"), preauthHash, 128));
        }
        return new SessionKeys(
                Kdf.derive(ki, z("SMB2AESCMAC"), z("SmbSign"), 128),
                Kdf.derive(encKi, z("SMB2AESCCM"), z("ServerOut"), encBits),
                Kdf.derive(encKi, z("SMB2AESCCM"), z("ServerIn "), encBits),
                Kdf.derive(ki, z("SMB2APP"), z("SmbRpc"), 128));
    }

    /** The ASCII string with its terminating NUL, as the labels and contexts are defined. */
    private static byte[] z(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(b, b.length + 1);
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    @Override
    public byte[] decryptionKey() {
        return decryptionKey.clone();
    }

    @Override
    public byte[] applicationKey() {
        return applicationKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKeys k
                && Arrays.equals(k.signingKey, signingKey)
                && Arrays.equals(k.encryptionKey, encryptionKey)
                && Arrays.equals(k.decryptionKey, decryptionKey)
                && Arrays.equals(k.applicationKey, applicationKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signingKey);
    }

    @Override
    public String toString() {
        return "SessionKeys[...]"; // never log keys
    }
}
