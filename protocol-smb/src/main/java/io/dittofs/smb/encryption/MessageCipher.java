package io.dittofs.smb.encryption;

import io.dittofs.smb.signing.Cipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts and decrypts SMB2 messages under a transform header (MS-SMB2 3.1.4.3 and 3.3.5.2.1.1):
 * AES-GCM from the JDK, AES-CCM by {@link AesCcm} on the JDK's AES; 16-byte tags; the AAD is the transform header
 * from its Nonce on. Response nonces are a random prefix and a counter, never repeated for a key.
 *
 * <p>Threading: thread-safe (a fresh cipher per message; the nonce counter is atomic).
 */
public final class MessageCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAG_LENGTH = 16;
    /** The transform header from Nonce to its end (MS-SMB2 3.1.4.3). */
    private static final int AAD_LENGTH = TransformHeader.SIZE - TransformHeader.AAD_OFFSET;

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
     * plaintext in a new buffer, or {@code null} when authentication fails. The ciphertext is read
     * in place and the plaintext written once, into the returned buffer.
     */
    public @Nullable ByteBuf decrypt(byte[] key, ByteBuf frame, ByteBufAllocator alloc) {
        TransformHeader th = TransformHeader.decode(frame);
        int start = frame.readerIndex();
        int length = frame.readableBytes() - TransformHeader.SIZE;
        if (th.originalMessageSize() != length) {
            return null;
        }
        ByteBuffer aad = frame.nioBuffer(start + TransformHeader.AAD_OFFSET, AAD_LENGTH);
        ByteBuffer in = frame.nioBuffer(start + TransformHeader.SIZE, length);
        byte[] nonce = Arrays.copyOf(th.nonce(), nonceLength());
        ByteBuf plain = alloc.buffer(length);
        boolean authentic = false;
        try {
            ByteBuffer out = plain.nioBuffer(0, length);
            authentic = switch (cipher) {
                case AES_128_CCM, AES_256_CCM -> new AesCcm(key, TAG_LENGTH).open(nonce, aad, in, out, th.signature());
                case AES_128_GCM, AES_256_GCM -> gcmOpen(key, nonce, aad, in, out, th.signature());
            };
            plain.writerIndex(length);
            return authentic ? plain : null;
        } finally {
            if (!authentic) {
                plain.release();
            }
        }
    }

    /**
     * Encrypts {@code plain} (a whole response frame) for {@code sessionId}; returns the transform
     * frame. The plaintext is read in place and the ciphertext written once, into the frame.
     */
    public ByteBuf encrypt(byte[] key, long sessionId, ByteBuf plain, ByteBufAllocator alloc) {
        byte[] nonce16 = new byte[16];
        ByteBuffer.wrap(nonce16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(counter.incrementAndGet())
                .putLong(noncePrefix);
        Arrays.fill(nonce16, nonceLength(), 16, (byte) 0);
        int length = plain.readableBytes();
        TransformHeader th = new TransformHeader(new byte[16], nonce16, length, TransformHeader.ENCRYPTED, sessionId);
        // GCM writes its tag after the ciphertext: room for it, then it moves to Signature.
        ByteBuf out = alloc.buffer(TransformHeader.SIZE + length + TAG_LENGTH);
        boolean done = false;
        try {
            th.encode(out);
            ByteBuffer aad = out.nioBuffer(TransformHeader.AAD_OFFSET, AAD_LENGTH);
            ByteBuffer in = plain.nioBuffer(plain.readerIndex(), length);
            ByteBuffer sealed = out.nioBuffer(TransformHeader.SIZE, length + TAG_LENGTH);
            byte[] nonce = Arrays.copyOf(nonce16, nonceLength());
            byte[] tag =
                    switch (cipher) {
                        case AES_128_CCM, AES_256_CCM -> new AesCcm(key, TAG_LENGTH).seal(nonce, aad, in, sealed);
                        case AES_128_GCM, AES_256_GCM -> gcmSeal(key, nonce, aad, in, sealed);
                    };
            out.writerIndex(TransformHeader.SIZE + length);
            out.setBytes(4, tag); // Signature: the tag
            done = true;
            return out;
        } finally {
            if (!done) {
                out.release();
            }
        }
    }

    private static boolean gcmOpen(
            byte[] key, byte[] nonce, ByteBuffer aad, ByteBuffer in, ByteBuffer out, byte[] tag) {
        try {
            javax.crypto.Cipher gcm = gcm(javax.crypto.Cipher.DECRYPT_MODE, key, nonce);
            gcm.updateAAD(aad);
            gcm.update(in, out); // the JDK holds GCM ciphertext back until the tag is checked
            gcm.doFinal(ByteBuffer.wrap(tag), out);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** Writes the ciphertext and the tag to {@code out}; returns the tag. */
    private static byte[] gcmSeal(byte[] key, byte[] nonce, ByteBuffer aad, ByteBuffer in, ByteBuffer out) {
        try {
            javax.crypto.Cipher gcm = gcm(javax.crypto.Cipher.ENCRYPT_MODE, key, nonce);
            gcm.updateAAD(aad);
            gcm.doFinal(in, out);
            byte[] tag = new byte[TAG_LENGTH];
            out.get(out.position() - TAG_LENGTH, tag);
            return tag;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static javax.crypto.Cipher gcm(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        return gcm;
    }
}
