package io.dittofs.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeCipherTest {
    @TempDir
    Path dir;

    private static final byte[] HEADER = "a header that binds the object".getBytes(StandardCharsets.US_ASCII);

    private record Sealed(KeyEnvelope envelope, byte[] ciphertext) {}

    private Sealed seal(EnvelopeCipher cipher, byte[] plaintext, byte[] aad) {
        DataKey key = cipher.newDataKey();
        ByteBuffer out = ByteBuffer.allocate(EnvelopeCipher.ciphertextLength(plaintext.length));
        int n = key.encrypt(ByteBuffer.wrap(plaintext), out, aad);
        assertThat(n).isEqualTo(out.capacity());
        return new Sealed(key.envelope(), out.array());
    }

    private static byte[] open(EnvelopeCipher cipher, KeyEnvelope envelope, byte[] ciphertext, byte[] aad) {
        ByteBuffer out = ByteBuffer.allocate(ciphertext.length);
        int n = cipher.decrypt(envelope, ByteBuffer.wrap(ciphertext), out, aad);
        return Arrays.copyOf(out.array(), n);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void assertAuthFails(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.kind())
                .isEqualTo(EnvelopeException.Kind.AUTHENTICATION_FAILED));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void encryptedObjectDecryptsToThePlaintext(AeadAlgorithm alg) {
        EnvelopeCipher cipher = new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("k")), alg);
        for (int size : new int[] {0, 1, 15, 16, 17, 4096, 65_537}) {
            byte[] plain = random(size, size);
            Sealed s = seal(cipher, plain, HEADER);
            assertThat(s.envelope().algorithm()).isEqualTo(alg);
            assertThat(open(cipher, s.envelope(), s.ciphertext(), HEADER)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippingAnyByteOfHeaderCiphertextOrWrappedKeyFailsAuthentication(AeadAlgorithm alg) {
        EnvelopeCipher cipher = new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("k")), alg);
        byte[] plain = random(300, 1);
        Sealed s = seal(cipher, plain, HEADER);

        for (int i = 0; i < HEADER.length; i++) {
            byte[] aad = HEADER.clone();
            aad[i] ^= 0x01;
            assertAuthFails(() -> open(cipher, s.envelope(), s.ciphertext(), aad));
        }
        for (int i = 0; i < s.ciphertext().length; i++) { // ciphertext and tag
            byte[] ct = s.ciphertext().clone();
            ct[i] ^= (byte) 0x80;
            assertAuthFails(() -> open(cipher, s.envelope(), ct, HEADER));
        }
        byte[] wrapped = s.envelope().wrappedKey();
        for (int i = 0; i < wrapped.length; i++) {
            byte[] w = wrapped.clone();
            w[i] ^= 0x01;
            KeyEnvelope e =
                    new KeyEnvelope(alg, s.envelope().keyId(), w, s.envelope().nonce());
            assertAuthFails(() -> open(cipher, e, s.ciphertext(), HEADER));
        }
        byte[] nonce = s.envelope().nonce();
        nonce[0] ^= 0x01;
        KeyEnvelope otherNonce = new KeyEnvelope(alg, s.envelope().keyId(), wrapped, nonce);
        assertAuthFails(() -> open(cipher, otherNonce, s.ciphertext(), HEADER));
        assertAuthFails(
                () -> open(cipher, s.envelope(), Arrays.copyOf(s.ciphertext(), s.ciphertext().length - 1), HEADER));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void anotherKeyEncryptionKeyCannotDecrypt(AeadAlgorithm alg) {
        LocalKeyFileProvider right = LocalKeyFileProvider.open(dir.resolve("right"));
        LocalKeyFileProvider wrong = LocalKeyFileProvider.open(dir.resolve("wrong"));
        Sealed s = seal(new EnvelopeCipher(right, alg), random(100, 2), HEADER);

        assertThatThrownBy(() -> open(new EnvelopeCipher(wrong, alg), s.envelope(), s.ciphertext(), HEADER))
                .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.kind())
                        .isEqualTo(EnvelopeException.Kind.UNKNOWN_KEY));

        // A provider that claims the right key id but holds another key fails the wrap's integrity check.
        KeyProvider impostor = new KeyProvider() {
            @Override
            public String currentKeyId() {
                return right.currentKeyId();
            }

            @Override
            public WrappedKey wrap(byte[] dataKey) {
                return wrong.wrap(dataKey);
            }

            @Override
            public byte[] unwrap(String keyId, byte[] wrapped) {
                return wrong.unwrap(wrong.currentKeyId(), wrapped);
            }
        };
        assertAuthFails(() -> open(new EnvelopeCipher(impostor, alg), s.envelope(), s.ciphertext(), HEADER));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void everyObjectGetsItsOwnRandomNonceAndDataKey(AeadAlgorithm alg) {
        EnvelopeCipher cipher = new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("k")), alg);
        Set<ByteBuffer> nonces = new HashSet<>();
        Set<ByteBuffer> wrappedKeys = new HashSet<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            KeyEnvelope e = cipher.newDataKey().envelope();
            assertThat(e.nonce()).hasSize(12);
            nonces.add(ByteBuffer.wrap(e.nonce()));
            wrappedKeys.add(ByteBuffer.wrap(e.wrappedKey()));
        }
        assertThat(nonces).hasSize(n);
        assertThat(wrappedKeys).hasSize(n);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void aDataKeyEncryptsOnlyOnce(AeadAlgorithm alg) {
        EnvelopeCipher cipher = new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("k")), alg);
        DataKey key = cipher.newDataKey();
        key.encrypt(ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(26), HEADER);

        assertThatThrownBy(() -> key.encrypt(ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(26), HEADER))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void noRunOf32PlaintextBytesAppearsInTheCiphertext(AeadAlgorithm alg) {
        EnvelopeCipher cipher = new EnvelopeCipher(LocalKeyFileProvider.open(dir.resolve("k")), alg);
        // Repetitive, low-entropy plaintext: the worst case for leaking runs.
        byte[] plain =
                "All work and no play makes Jack a dull boy. ".repeat(3000).getBytes(StandardCharsets.US_ASCII);
        Set<ByteBuffer> runs = new HashSet<>();
        for (int i = 0; i + 32 <= plain.length; i++) {
            runs.add(ByteBuffer.wrap(plain, i, 32).slice());
        }
        Sealed s = seal(cipher, plain, HEADER);
        byte[] stored = s.ciphertext();

        for (int i = 0; i + 32 <= stored.length; i++) {
            assertThat(runs.contains(ByteBuffer.wrap(stored, i, 32).slice()))
                    .as("32-byte plaintext run at ciphertext offset %d", i)
                    .isFalse();
        }
    }
}
