package io.dittofs.smb.signing;

import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks SMB2 message signatures (MS-SMB2 sections 3.1.4.1 and 3.1.5.1): over the
 * whole message (header through padding) with the Signature field zeroed. HMAC-SHA256 and
 * AES-GMAC come from the JDK, AES-CMAC is {@link AesCmac} on the JDK's AES.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageSigner {
    private MessageSigner() {}

    /**
     * The 16-byte signature of {@code msg[start, start + length)}, its Signature field read as
     * zero. Only the header is copied (to zero that field); the body is read where it lies.
     */
    public static byte[] signature(SigningAlgorithm algorithm, byte[] key, ByteBuf buf, int start, int length) {
        int headerLength = Math.min(length, Smb2Header.SIZE);
        byte[] header = new byte[headerLength];
        buf.getBytes(start, header);
        java.util.Arrays.fill(
                header,
                Math.min(Smb2Header.SIGNATURE_OFFSET, headerLength),
                Math.min(Smb2Header.SIGNATURE_OFFSET + 16, headerLength),
                (byte) 0);
        ByteBuffer[] body =
                length > headerLength ? buf.nioBuffers(start + headerLength, length - headerLength) : new ByteBuffer[0];
        try {
            return switch (algorithm) {
                case HMAC_SHA256 -> {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key, "HmacSHA256"));
                    mac.update(header);
                    for (ByteBuffer b : body) {
                        mac.update(b);
                    }
                    yield java.util.Arrays.copyOf(mac.doFinal(), 16);
                }
                case AES_CMAC -> {
                    AesCmac cmac = new AesCmac(key);
                    cmac.update(header, 0, header.length);
                    for (ByteBuffer b : body) {
                        cmac.update(b);
                    }
                    yield cmac.doFinal();
                }
                case AES_GMAC -> gmac(key, header, body);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * AES-GMAC (MS-SMB2 3.1.4.1): AES-128-GCM over no plaintext with the message as additional
     * data; the 12-byte nonce is the MessageId followed by 4 bytes whose bit 0 says "response"
     * and bit 1 "CANCEL request".
     */
    private static byte[] gmac(byte[] key, byte[] header, ByteBuffer[] body) throws GeneralSecurityException {
        ByteBuffer hdr = ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int flags = hdr.getInt(Smb2Header.FLAGS_OFFSET);
        int command = hdr.getShort(12) & 0xFFFF;
        int role = (flags & Smb2Header.FLAG_SERVER_TO_REDIR) != 0 ? 1 : 0;
        if (command == Smb2Command.CANCEL.code()) {
            role |= 2;
        }
        byte[] nonce = ByteBuffer.allocate(12)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(hdr.getLong(24))
                .putInt(role)
                .array();
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        for (ByteBuffer b : body) {
            gcm.updateAAD(b);
        }
        return gcm.doFinal();
    }

    /** Writes the signature into the message's Signature field (and sets SMB2_FLAGS_SIGNED first). */
    public static void sign(SigningAlgorithm algorithm, byte[] key, ByteBuf buf, int start, int length) {
        buf.setIntLE(
                start + Smb2Header.FLAGS_OFFSET,
                buf.getIntLE(start + Smb2Header.FLAGS_OFFSET) | Smb2Header.FLAG_SIGNED);
        byte[] sig = signature(algorithm, key, buf, start, length);
        buf.setBytes(start + Smb2Header.SIGNATURE_OFFSET, sig);
    }

    /** Whether the message's Signature field holds its signature (compared in constant time). */
    public static boolean verify(SigningAlgorithm algorithm, byte[] key, ByteBuf buf, int start, int length) {
        byte[] expected = signature(algorithm, key, buf, start, length);
        byte[] actual = new byte[16];
        buf.getBytes(start + Smb2Header.SIGNATURE_OFFSET, actual);
        return MessageDigest.isEqual(expected, actual);
    }
}
