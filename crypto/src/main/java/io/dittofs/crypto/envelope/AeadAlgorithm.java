package io.dittofs.crypto.envelope;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The AEADs objects are encrypted with, each with the id recorded in object headers (ids never
 * change meaning). Both take a 32-byte key and a 12-byte nonce and add a 16-byte tag.
 */
public enum AeadAlgorithm {
    /** AES-256 in Galois/Counter Mode (NIST SP 800-38D); fastest where the CPU has AES-NI. */
    AES_256_GCM(1, "AES/GCM/NoPadding", "AES"),
    /** ChaCha20-Poly1305 (RFC 8439); fast everywhere, constant-time without AES hardware. */
    CHACHA20_POLY1305(2, "ChaCha20-Poly1305", "ChaCha20");

    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final int id;
    private final String transformation;
    private final String keyAlgorithm;

    AeadAlgorithm(int id, String transformation, String keyAlgorithm) {
        this.id = id;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The one-byte id stored in object headers (0 means "not encrypted" there). */
    public int id() {
        return id;
    }

    /**
     * The algorithm with this header id.
     *
     * @throws IllegalArgumentException for an id no version of DittoFS assigned
     */
    public static AeadAlgorithm fromId(int id) {
        for (AeadAlgorithm a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown encryption algorithm id " + id);
    }

    String transformation() {
        return transformation;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    AlgorithmParameterSpec parameters(byte[] nonce) {
        return switch (this) {
            case AES_256_GCM -> new GCMParameterSpec(TAG_LENGTH * 8, nonce);
            case CHACHA20_POLY1305 -> new IvParameterSpec(nonce);
        };
    }
}
