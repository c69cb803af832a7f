package io.dittofs.smb.encryption;

import io.dittofs.smb.signing.Cipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts and decrypts SMB2 messages under a transform header (MS-SMB2 3.1.4.3 and 3.3.5.2.1.1):
 * AES-GCM from the JDK, AES-CCM from BouncyCastle; 16-byte tags; the AAD is the transform header
 * from its Nonce on. Response nonces are a random prefix and a counter, never repeated for a key.
 *
 * <p>Threading: thread-safe (a fresh cipher per message; the nonce counter is atomic).
 */
public final class MessageCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAG_BITS = 128;

    private final Cipher cipher;
    private final long noncePrefix = RANDOM.nextLong();
    private final AtomicLong counter = new AtomicLong();

    public MessageCipher(Cipher cipher) {
        this.cipher = cipher;
    }

    public Cipher cipher() {
        return cipher;
    }

    private int nonceLength() {
        return switch (cipher) {
            case AES_128_CCM, AES_256_CCM -> 11;
            case AES_128_GCM, AES_256_GCM -> 12;
        };
    }

    /**
     * Decrypts {@code frame} (transform header and ciphertext) with {@code key}; returns the
     * plaintext in a new buffer, or {@code null} when authentication fails.
     */
    public @Nullable ByteBuf decrypt(byte[] key, ByteBuf frame, ByteBufAllocator alloc) {
        TransformHeader th = TransformHeader.decode(frame);
        int start = frame.readerIndex();
        int length = frame.readableBytes() - TransformHeader.SIZE;
        if (th.originalMessageSize() != length) {
            return null;
        }
        byte[] aad = new byte[32];
        frame.getBytes(start + TransformHeader.AAD_OFFSET, aad);
        byte[] in = new byte[length + 16];
        frame.getBytes(start + TransformHeader.SIZE, in, 0, length);
        System.arraycopy(th.signature(), 0, in, length, 16);
        byte[] nonce = Arrays.copyOf(th.nonce(), nonceLength());
        byte[] plain = aead(false, key, nonce, aad, in);
        return plain == null ? null : alloc.buffer(plain.length).writeBytes(plain);
    }

    /** Encrypts {@code plain} (a whole response frame) for {@code sessionId}; returns the transform frame. */
    public ByteBuf encrypt(byte[] key, long sessionId, ByteBuf plain, ByteBufAllocator alloc) {
        byte[] nonce16 = new byte[16];
        java.nio.ByteBuffer.wrap(nonce16)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(counter.incrementAndGet())
                .putLong(noncePrefix);
        Arrays.fill(nonce16, nonceLength(), 16, (byte) 0);
        TransformHeader th =
                new TransformHeader(new byte[16], nonce16, plain.readableBytes(), TransformHeader.ENCRYPTED, sessionId);
        ByteBuf out = alloc.buffer(TransformHeader.SIZE + plain.readableBytes());
        th.encode(out);
        byte[] aad = new byte[32];
        out.getBytes(TransformHeader.AAD_OFFSET, aad);
        byte[] in = new byte[plain.readableBytes()];
        plain.getBytes(plain.readerIndex(), in);
        byte[] sealed = aead(true, key, Arrays.copyOf(nonce16, nonceLength()), aad, in);
        if (sealed == null) {
            out.release();
            throw new IllegalStateException("encryption failed");
        }
        out.writeBytes(sealed, 0, in.length);
        out.setBytes(4, sealed, in.length, 16); // Signature: the tag
        return out;
    }

    private byte @Nullable [] aead(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in) {
        return switch (cipher) {
            case AES_128_CCM, AES_256_CCM -> ccm(encrypt, key, nonce, aad, in);
            case AES_128_GCM, AES_256_GCM -> gcm(encrypt, key, nonce, aad, in);
        };
    }

    private static byte @Nullable [] ccm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in) {
        CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
        ccm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        byte[] out = new byte[ccm.getOutputSize(in.length)];
        try {
            int n = ccm.processBytes(in, 0, in.length, out, 0);
            ccm.doFinal(out, n);
            return out;
        } catch (InvalidCipherTextException e) {
            return null;
        }
    }

    private static byte @Nullable [] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in) {
        try {
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(
                    encrypt ? javax.crypto.Cipher.ENCRYPT_MODE : javax.crypto.Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            return gcm.doFinal(in);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
