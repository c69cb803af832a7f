package io.dittofs.crypto.envelope;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts objects under fresh data keys and decrypts them, with the KEKs of a {@link
 * KeyProvider}.
 *
 * <p>To encrypt: {@link #newDataKey()}, record its {@link DataKey#envelope() envelope} in the
 * object header, then {@link DataKey#encrypt} the payload with the encoded header as associated
 * data. To decrypt: {@link #decrypt} with the envelope and header read back.
 *
 * <p>Thread-safe.
 */
public final class EnvelopeCipher {
    private final KeyProvider keys;
    private final AeadAlgorithm algorithm;
    private final SecureRandom random = new SecureRandom();

    /** @param algorithm the AEAD for new objects; any supported one decrypts */
    public EnvelopeCipher(KeyProvider keys, AeadAlgorithm algorithm) {
        this.keys = keys;
        this.algorithm = algorithm;
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /** Ciphertext bytes for {@code plaintextLength} bytes of plaintext: the tag is added. */
    public static int ciphertextLength(int plaintextLength) {
        return Math.addExact(plaintextLength, AeadAlgorithm.TAG_LENGTH);
    }

    /** A new random data key and random nonce, the key wrapped under the provider's current KEK. */
    public DataKey newDataKey() {
        byte[] key = new byte[AeadAlgorithm.KEY_LENGTH];
        byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        random.nextBytes(key);
        random.nextBytes(nonce);
        KeyProvider.WrappedKey wrapped = keys.wrap(key);
        return new DataKey(new KeyEnvelope(algorithm, wrapped.keyId(), wrapped.bytes(), nonce), key);
    }

    /**
     * Decrypts {@code ciphertext}'s remaining bytes (ciphertext then tag) into {@code out} (at its
     * position, advancing it), checking {@code associatedData}; returns the plaintext length.
     * {@code ciphertext} is left as it was. When it throws, {@code out}'s bytes past its position
     * must be ignored.
     *
     * @throws EnvelopeException of kind AUTHENTICATION_FAILED when anything was modified or the KEK
     *     is wrong, UNKNOWN_KEY when the provider lacks the KEK
     */
    public int decrypt(KeyEnvelope envelope, ByteBuffer ciphertext, ByteBuffer out, byte[] associatedData) {
        if (ciphertext.remaining() < AeadAlgorithm.TAG_LENGTH) {
            throw new EnvelopeException(
                    EnvelopeException.Kind.AUTHENTICATION_FAILED, "ciphertext shorter than its tag");
        }
        byte[] key = keys.unwrap(envelope.keyId(), envelope.wrappedKey());
        AeadAlgorithm alg = envelope.algorithm();
        try {
            Cipher c = Cipher.getInstance(alg.transformation());
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, alg.keyAlgorithm()), alg.parameters(envelope.nonce()));
            c.updateAAD(associatedData);
            return c.doFinal(ciphertext.duplicate(), out);
        } catch (AEADBadTagException e) {
            throw new EnvelopeException(
                    EnvelopeException.Kind.AUTHENTICATION_FAILED, alg + " tag mismatch: object or header modified", e);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException(EnvelopeException.Kind.INTERNAL, alg + " decryption failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
