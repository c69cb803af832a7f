package io.dittofs.crypto.envelope;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fresh data key and nonce for encrypting exactly one object, with the key also wrapped under a
 * KEK ({@link #envelope()}, to be stored in the object's header). Made by {@link
 * EnvelopeCipher#newDataKey()}. {@link #encrypt} works once: a second call throws, so a (key,
 * nonce) pair can never encrypt two plaintexts.
 */
public final class DataKey {
    private final KeyEnvelope envelope;
    private final byte[] key;
    private final AtomicBoolean used = new AtomicBoolean();

    DataKey(KeyEnvelope envelope, byte[] key) {
        this.envelope = envelope;
        this.key = key;
    }

    /** What the object header must record for decryption: algorithm, key id, wrapped key, nonce. */
    public KeyEnvelope envelope() {
        return envelope;
    }

    /**
     * Encrypts {@code plaintext}'s remaining bytes into {@code out} (at its position, advancing
     * it), authenticating {@code associatedData} too; writes {@link
     * EnvelopeCipher#ciphertextLength} bytes (ciphertext then tag) and returns that count.
     * {@code plaintext} is left as it was. The key is erased afterwards.
     *
     * @throws IllegalStateException when this data key was already used
     */
    public int encrypt(ByteBuffer plaintext, ByteBuffer out, byte[] associatedData) {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a data key encrypts one object only");
        }
        AeadAlgorithm alg = envelope.algorithm();
        try {
            Cipher c = Cipher.getInstance(alg.transformation());
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, alg.keyAlgorithm()), alg.parameters(envelope.nonce()));
            c.updateAAD(associatedData);
            return c.doFinal(plaintext.duplicate(), out);
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException(EnvelopeException.Kind.INTERNAL, alg + " encryption failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
