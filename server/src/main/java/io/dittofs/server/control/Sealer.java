package io.dittofs.server.control;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.DataKey;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.KeyEnvelope;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Seals the control plane's secrets (NT hashes, store passwords and keys) with the crypto
 * module's envelope encryption. The associated data names what the secret is ("user alice
 * nt-hash"), so a sealed value copied into another field fails to open. Thread-safe.
 */
public final class Sealer {
    private final EnvelopeCipher cipher;

    private Sealer(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    /** Opens (creating on first start, mode 0600) the server key {@code keyFile}. */
    public static Sealer open(Path keyFile) {
        return new Sealer(new EnvelopeCipher(LocalKeyFileProvider.open(keyFile), AeadAlgorithm.AES_256_GCM));
    }

    public Sealed seal(byte[] plaintext, String purpose) {
        DataKey key = cipher.newDataKey();
        ByteBuffer out = ByteBuffer.allocate(EnvelopeCipher.ciphertextLength(plaintext.length));
        key.encrypt(ByteBuffer.wrap(plaintext), out, aad(purpose));
        KeyEnvelope e = key.envelope();
        return new Sealed(e.algorithm().id(), e.keyId(), e.wrappedKey(), e.nonce(), out.array());
    }

    public Sealed seal(String plaintext, String purpose) {
        byte[] b = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            return seal(b, purpose);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /** The plaintext; throws {@code EnvelopeException} when it was modified or sealed for another purpose. */
    public byte[] open(Sealed s, String purpose) {
        KeyEnvelope e = new KeyEnvelope(AeadAlgorithm.fromId(s.alg()), s.keyId(), s.wrappedKey(), s.nonce());
        ByteBuffer out = ByteBuffer.allocate(s.ciphertext().length);
        int n = cipher.decrypt(e, ByteBuffer.wrap(s.ciphertext()), out, aad(purpose));
        return Arrays.copyOf(out.array(), n);
    }

    public String openString(Sealed s, String purpose) {
        return new String(open(s, purpose), StandardCharsets.UTF_8);
    }

    private static byte[] aad(String purpose) {
        return ("dittofs-control:" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
