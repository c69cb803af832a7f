package io.dittofs.smb.handlers;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The pre-authentication integrity hash of SMB 3.1.1 (MS-SMB2 section 3.3.5.4 and 3.3.5.5):
 * {@code H(i) = SHA-512(H(i-1) || message)}, over whole messages as sent.
 */
final class Preauth {
    private Preauth() {}

    static byte[] extend(byte[] previous, ByteBuf message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            sha.update(previous);
            sha.update(message.nioBuffer(0, message.writerIndex()));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 unavailable", e);
        }
    }
}
