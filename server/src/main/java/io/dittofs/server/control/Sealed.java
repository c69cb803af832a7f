package io.dittofs.server.control;

/**
 * A secret encrypted with the server key (envelope encryption: a fresh data key per secret,
 * wrapped by the key in {@code <dataDir>/control/server.key}).
 *
 * @param alg the AEAD's id ({@link io.dittofs.crypto.envelope.AeadAlgorithm#id()})
 * @param keyId which server key wrapped the data key
 * @param wrappedKey the data key, wrapped
 * @param nonce the AEAD nonce
 * @param ciphertext ciphertext and tag
 */
public record Sealed(int alg, String keyId, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {
    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + "]"; // never print key material
    }
}
