package io.dittofs.smb.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.smb.signing.Cipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageCipherTest {
    private static byte[] key(Cipher c) {
        byte[] k = new byte[c.keyLength()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) i;
        }
        return k;
    }

    @ParameterizedTest
    @EnumSource(Cipher.class)
    void aMessageRoundTripsUnderEveryCipherAndATamperedOneIsRejected(Cipher c) {
        MessageCipher mc = new MessageCipher(c);
        ByteBuf plain = Unpooled.copiedBuffer("\u00feSMB hello, encrypted world", StandardCharsets.ISO_8859_1);
        ByteBuf sealed = mc.encrypt(key(c), 0x1122334455667788L, plain, ByteBufAllocator.DEFAULT);
        TransformHeader th = TransformHeader.decode(sealed);
        assertThat(th.sessionId()).isEqualTo(0x1122334455667788L);
        assertThat(th.originalMessageSize()).isEqualTo(plain.readableBytes());
        ByteBuf opened = mc.decrypt(key(c), sealed, ByteBufAllocator.DEFAULT);
        assertThat(opened).isNotNull();
        assertThat(opened.toString(StandardCharsets.ISO_8859_1)).isEqualTo(plain.toString(StandardCharsets.ISO_8859_1));
        opened.release();
        sealed.setByte(TransformHeader.SIZE + 3, sealed.getByte(TransformHeader.SIZE + 3) ^ 1);
        assertThat(mc.decrypt(key(c), sealed, ByteBufAllocator.DEFAULT)).isNull();
        sealed.setByte(TransformHeader.SIZE + 3, sealed.getByte(TransformHeader.SIZE + 3) ^ 1);
        sealed.setByte(44, sealed.getByte(44) ^ 1); // SessionId is authenticated data
        assertThat(mc.decrypt(key(c), sealed, ByteBufAllocator.DEFAULT)).isNull();
        sealed.release();
        plain.release();
    }

    @Test
    void responseNoncesNeverRepeat() {
        MessageCipher mc = new MessageCipher(Cipher.AES_128_GCM);
        ByteBuf plain = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        ByteBuf a = mc.encrypt(key(Cipher.AES_128_GCM), 1, plain, ByteBufAllocator.DEFAULT);
        ByteBuf b = mc.encrypt(key(Cipher.AES_128_GCM), 1, plain, ByteBufAllocator.DEFAULT);
        assertThat(TransformHeader.decode(a).nonce())
                .isNotEqualTo(TransformHeader.decode(b).nonce());
        a.release();
        b.release();
    }
}
