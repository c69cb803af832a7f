package io.dittofs.crypto.envelope;

/**
 * Holds key-encryption keys (KEKs) and wraps and unwraps data keys with them; the KEKs
 * themselves never leave it, so a provider backed by a KMIP server or an HSM can do the wrapping
 * remotely.
 *
 * <p>Implementations: {@link LocalKeyFileProvider}; a KMIP provider later. Thread-safe.
 */
public interface KeyProvider {

    /** Longest key id, in ASCII characters. */
    int MAX_KEY_ID_LENGTH = 64;

    /**
     * The id of the KEK new data keys are wrapped under: 1 to {@value #MAX_KEY_ID_LENGTH} printable
     * ASCII characters, recorded in every object header so the right KEK can be found on reads
     * after a rotation.
     */
    String currentKeyId();

    /** {@code dataKey} (32 bytes) wrapped under the current KEK. */
    WrappedKey wrap(byte[] dataKey);

    /**
     * The data key inside {@code wrapped}.
     *
     * @throws EnvelopeException of kind UNKNOWN_KEY when there is no KEK {@code keyId}, or
     *     AUTHENTICATION_FAILED when {@code wrapped} was not made by that KEK or was modified
     */
    byte[] unwrap(String keyId, byte[] wrapped);

    /** A data key wrapped under the KEK {@code keyId}. */
    record WrappedKey(String keyId, byte[] bytes) {}

    /** Whether {@code id} is a valid key id. */
    static boolean isValidKeyId(String id) {
        if (id.isEmpty() || id.length() > MAX_KEY_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
