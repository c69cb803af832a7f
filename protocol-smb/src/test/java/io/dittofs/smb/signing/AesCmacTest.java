package io.dittofs.smb.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class AesCmacTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RFC_KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] RFC_MESSAGE = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710");

    private static byte[] cmac(byte[] key, byte[] m, int len) throws Exception {
        AesCmac c = new AesCmac(key);
        c.update(m, 0, len);
        return c.doFinal();
    }

    /** RFC 4493 section 4, examples 1 to 4: empty, one block, 40 bytes, four blocks. */
    @Test
    void rfc4493Examples() throws Exception {
        assertThat(HEX.formatHex(cmac(RFC_KEY, RFC_MESSAGE, 0))).isEqualTo("bb1d6929e95937287fa37d129b756746");
        assertThat(HEX.formatHex(cmac(RFC_KEY, RFC_MESSAGE, 16))).isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
        assertThat(HEX.formatHex(cmac(RFC_KEY, RFC_MESSAGE, 40))).isEqualTo("dfa66747de9ae63030ca32611497c827");
        assertThat(HEX.formatHex(cmac(RFC_KEY, RFC_MESSAGE, 64))).isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
    }

    @Test
    void agreesWithBouncyCastleForAnyLengthAndAnySplit() throws Exception {
        Random random = new Random(4493);
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            int length = i < 100 ? i : random.nextInt(200_000);
            byte[] m = new byte[length];
            random.nextBytes(m);
            CMac reference = new CMac(AESEngine.newInstance());
            reference.init(new KeyParameter(key));
            reference.update(m, 0, m.length);
            byte[] expected = new byte[16];
            reference.doFinal(expected, 0);

            AesCmac c = new AesCmac(key);
            int at = 0;
            while (at < length) {
                int n = Math.min(length - at, 1 + random.nextInt(random.nextBoolean() ? 40 : 70_000));
                if (random.nextBoolean()) {
                    c.update(m, at, n);
                } else {
                    ByteBuffer direct =
                            ByteBuffer.allocateDirect(n).put(m, at, n).flip();
                    c.update(direct);
                    assertThat(direct.hasRemaining()).isFalse();
                }
                at += n;
            }
            assertThat(c.doFinal()).as("length %d", length).isEqualTo(expected);
        }
    }
}
