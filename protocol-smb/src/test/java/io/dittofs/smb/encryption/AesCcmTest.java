package io.dittofs.smb.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AesCcmTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Ciphertext followed by the tag, as the vectors print it. */
    private static String seal(String key, String nonce, String aad, String plain, int tagLength) {
        byte[] p = HEX.parseHex(plain);
        ByteBuffer out = ByteBuffer.allocate(p.length);
        byte[] tag = new AesCcm(HEX.parseHex(key), tagLength)
                .seal(HEX.parseHex(nonce), ByteBuffer.wrap(HEX.parseHex(aad)), ByteBuffer.wrap(p), out);
        return HEX.formatHex(out.array()) + HEX.formatHex(tag);
    }

    /**
     * NIST SP 800-38C Appendix C examples 1-3 (7-, 8- and 12-byte nonces; 4-, 6- and 8-byte tags)
     * and RFC 3610 section 8 packet vectors 1-3 (13-byte nonces, 8-byte tags, payloads of 23, 24
     * and 25 bytes: short, whole and over a block).
     */
    @ParameterizedTest
    @CsvSource({
        "404142434445464748494a4b4c4d4e4f, 10111213141516, 0001020304050607, 20212223, 4, 7162015b4dac255d",
        "404142434445464748494a4b4c4d4e4f, 1011121314151617, 000102030405060708090a0b0c0d0e0f,"
                + " 202122232425262728292a2b2c2d2e2f, 6, d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd",
        "404142434445464748494a4b4c4d4e4f, 101112131415161718191a1b, 000102030405060708090a0b0c0d0e0f10111213,"
                + " 202122232425262728292a2b2c2d2e2f3031323334353637, 8,"
                + " e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951",
        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf, 00000003020100a0a1a2a3a4a5, 0001020304050607,"
                + " 08090a0b0c0d0e0f101112131415161718191a1b1c1d1e, 8,"
                + " 588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0",
        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf, 00000004030201a0a1a2a3a4a5, 0001020304050607,"
                + " 08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f, 8,"
                + " 72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3ba091d56e10400916",
        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf, 00000005040302a0a1a2a3a4a5, 0001020304050607,"
                + " 08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20, 8,"
                + " 51b1e5f44a197d1da46b0f8e2d282ae871e838bb64da8596574adaa76fbd9fb0c5",
    })
    void publishedVectors(String key, String nonce, String aad, String plain, int tagLength, String expected) {
        assertThat(seal(key, nonce, aad, plain, tagLength)).isEqualTo(expected);
        byte[] c = HEX.parseHex(expected);
        int length = c.length - tagLength;
        ByteBuffer out = ByteBuffer.allocate(length);
        boolean ok = new AesCcm(HEX.parseHex(key), tagLength)
                .open(
                        HEX.parseHex(nonce),
                        ByteBuffer.wrap(HEX.parseHex(aad)),
                        ByteBuffer.wrap(c, 0, length),
                        out,
                        Arrays.copyOfRange(c, length, c.length));
        assertThat(ok).isTrue();
        assertThat(HEX.formatHex(out.array())).isEqualTo(plain);
    }

    /**
     * SMB's shape (11-byte nonce, 16-byte tag, 32 bytes of AAD) on random keys and bodies from 0
     * bytes to 1.2 MiB, heap and direct buffers: the same ciphertext and tag as BouncyCastle,
     * and a message with one bit turned fails to open.
     */
    @Test
    void agreesWithBouncyCastleOnSmbShapedMessages() {
        Random random = new Random(3610);
        for (int i = 0; i < 120; i++) {
            byte[] key = new byte[i % 2 == 0 ? 16 : 32];
            random.nextBytes(key);
            byte[] nonce = new byte[11];
            random.nextBytes(nonce);
            byte[] aad = new byte[32];
            random.nextBytes(aad);
            int length = i < 40 ? i : random.nextInt(i < 110 ? 70_000 : 1_300_000);
            byte[] plain = new byte[length];
            random.nextBytes(plain);

            byte[] expected = bouncyCastle(key, nonce, aad, plain);
            boolean direct = random.nextBoolean();
            ByteBuffer in = buffer(plain, direct);
            ByteBuffer out = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
            byte[] tag = new AesCcm(key, 16).seal(nonce, ByteBuffer.wrap(aad), in, out);
            assertThat(in.hasRemaining()).isFalse();
            byte[] sealed = new byte[length + 16];
            out.flip().get(sealed, 0, length);
            System.arraycopy(tag, 0, sealed, length, 16);
            assertThat(sealed).as("length %d", length).isEqualTo(expected);

            ByteBuffer opened = ByteBuffer.allocate(length);
            assertThat(new AesCcm(key, 16)
                            .open(
                                    nonce,
                                    ByteBuffer.wrap(aad),
                                    buffer(sealed, direct).limit(length),
                                    opened,
                                    tag))
                    .isTrue();
            assertThat(opened.array()).isEqualTo(plain);

            if (length > 0) {
                sealed[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
            } else {
                aad[0] ^= 1;
            }
            assertThat(new AesCcm(key, 16)
                            .open(
                                    nonce,
                                    ByteBuffer.wrap(aad),
                                    ByteBuffer.wrap(sealed, 0, length),
                                    ByteBuffer.allocate(length),
                                    tag))
                    .isFalse();
        }
    }

    private static ByteBuffer buffer(byte[] b, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(b.length).put(b).flip() : ByteBuffer.wrap(b);
    }

    private static byte[] bouncyCastle(byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
        CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
        ccm.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[ccm.getOutputSize(plain.length)];
        try {
            int n = ccm.processBytes(plain, 0, plain.length, out, 0);
            ccm.doFinal(out, n);
        } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
