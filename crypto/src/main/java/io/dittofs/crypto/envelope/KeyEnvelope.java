package io.dittofs.crypto.envelope;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What an encrypted object records about its key: the AEAD, the KEK id, the data key wrapped
 * under that KEK, and the nonce. None of it is secret.
 *
 * @param wrappedKey the data key wrapped by the KEK {@code keyId} (copied in and out)
 * @param nonce {@value AeadAlgorithm#NONCE_LENGTH} random bytes (copied in and out)
 */
public record KeyEnvelope(AeadAlgorithm algorithm, String keyId, byte[] wrappedKey, byte[] nonce) {
    public KeyEnvelope {
        if (!KeyProvider.isValidKeyId(keyId)) {
            throw new IllegalArgumentException("invalid key id: '" + keyId + "'");
        }
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException(
                    "a nonce is " + AeadAlgorithm.NONCE_LENGTH + " bytes, not " + nonce.length);
        }
        if (wrappedKey.length == 0 || wrappedKey.length > 255) {
            throw new IllegalArgumentException("a wrapped key is 1 to 255 bytes, not " + wrappedKey.length);
        }
        wrappedKey = wrappedKey.clone();
        nonce = nonce.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyEnvelope e
                && algorithm == e.algorithm
                && keyId.equals(e.keyId)
                && Arrays.equals(wrappedKey, e.wrappedKey)
                && Arrays.equals(nonce, e.nonce);
    }

    @Override
    public int hashCode() {
        return ((algorithm.hashCode() * 31 + keyId.hashCode()) * 31 + Arrays.hashCode(wrappedKey)) * 31
                + Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "KeyEnvelope[" + algorithm + ", keyId=" + keyId + ", nonce="
                + HexFormat.of().formatHex(nonce) + "]";
    }
}
