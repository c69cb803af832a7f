package io.dittofs.smb.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.smb.wire.Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theKdfGivesTheSmb30SigningKeyShapeOfAnIndependentImplementation() {
        // Key 00..0f, label "SMB2AESCMAC\0", context "SmbSign\0", L = 128: a known answer published
        // with another (C) implementation of MS-SMB2 3.1.4.2, computed independently of this code.
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] out = Kdf.derive(
                key,
                "SMB2AESCMAC\0".getBytes(StandardCharsets.US_ASCII),
                "SmbSign\0".getBytes(StandardCharsets.US_ASCII),
                128);
        assertThat(HEX.formatHex(out)).isEqualTo("6234814cbb8ea9227440ebfeb5eacbe1");
    }

    @Test
    void smb30KeysUseTheFixedLabelsAndSmb2xUsesTheSessionKeyItself() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        SessionKeys v30 = SessionKeys.derive(Dialect.SMB_3_0, key, new byte[64], Cipher.AES_128_CCM);
        assertThat(HEX.formatHex(v30.signingKey())).isEqualTo("6234814cbb8ea9227440ebfeb5eacbe1");
        assertThat(v30.encryptionKey()).hasSize(16).isNotEqualTo(v30.decryptionKey());
        SessionKeys v21 = SessionKeys.derive(Dialect.SMB_2_1, key, new byte[64], Cipher.AES_128_CCM);
        assertThat(v21.signingKey()).isEqualTo(key);
    }

    @Test
    void smb311KeysDependOnThePreauthHashAndAes256GetsLongKeys() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] h1 = new byte[64];
        byte[] h2 = new byte[64];
        h2[0] = 1;
        SessionKeys a = SessionKeys.derive(Dialect.SMB_3_1_1, key, h1, Cipher.AES_128_GCM);
        SessionKeys b = SessionKeys.derive(Dialect.SMB_3_1_1, key, h2, Cipher.AES_128_GCM);
        assertThat(a.signingKey()).isNotEqualTo(b.signingKey());
        assertThat(SessionKeys.derive(Dialect.SMB_3_1_1, key, h1, Cipher.AES_256_GCM)
                        .encryptionKey())
                .hasSize(32);
    }

    @Test
    void bouncyCastleCmacMatchesRfc4493Example2() {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] msg = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a");
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        cmac.update(msg, 0, msg.length);
        byte[] out = new byte[16];
        cmac.doFinal(out, 0);
        assertThat(HEX.formatHex(out)).isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
    }

    @Test
    void aSignedMessageVerifiesAndATamperedOneDoesNotForEveryAlgorithm() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            ByteBuf m = Unpooled.buffer();
            new io.dittofs.smb.wire.Smb2Header(1, 0, 13, 1, 1, 0, 7, 0, 1, 42, new byte[16]).encode(m);
            m.writeShortLE(4).writeShortLE(0);
            MessageSigner.sign(alg, key, m, 0, m.writerIndex());
            assertThat(MessageSigner.verify(alg, key, m, 0, m.writerIndex()))
                    .as(alg.name())
                    .isTrue();
            m.setByte(66, 1);
            assertThat(MessageSigner.verify(alg, key, m, 0, m.writerIndex()))
                    .as(alg.name())
                    .isFalse();
            m.release();
        }
    }
}
