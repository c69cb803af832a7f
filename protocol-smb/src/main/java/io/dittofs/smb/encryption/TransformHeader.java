package io.dittofs.smb.encryption;

import io.dittofs.smb.wire.Smb2Header;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 TRANSFORM_HEADER (MS-SMB2 section 2.2.41): precedes an encrypted message or compound.
 *
 * <pre>
 * ProtocolId (4: 0xFD 'S' 'M' 'B') | Signature (16: the AEAD tag) | Nonce (16: 11 bytes used by CCM,
 * 12 by GCM) | OriginalMessageSize (4) | Reserved (2) | Flags / EncryptionAlgorithm (2: 0x0001) |
 * SessionId (8)
 * </pre>
 *
 * The additional authenticated data is the header from Nonce to its end (32 bytes).
 *
 * @param signature the AEAD tag
 * @param nonce the nonce field (16 bytes)
 * @param originalMessageSize the plaintext's length
 * @param flags Flags (3.1.1) or EncryptionAlgorithm (3.0.x), 0x0001 either way
 * @param sessionId the session whose keys encrypt the message
 */
public record TransformHeader(byte[] signature, byte[] nonce, long originalMessageSize, int flags, long sessionId) {
    public static final int SIZE = 52;
    public static final int AAD_OFFSET = 20;
    public static final int ENCRYPTED = 0x0001;

    public TransformHeader {
        signature = signature.clone();
        nonce = nonce.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** Decodes the header at index 0 of {@code frame}. */
    public static TransformHeader decode(ByteBuf frame) {
        if (frame.readableBytes() < SIZE || frame.getInt(frame.readerIndex()) != Smb2Header.TRANSFORM_PROTOCOL_ID) {
            throw SmbProtocolException.invalid("short or foreign transform header");
        }
        int at = frame.readerIndex();
        byte[] sig = new byte[16];
        frame.getBytes(at + 4, sig); // Signature (16 bytes)
        byte[] nonce = new byte[16];
        frame.getBytes(at + 20, nonce); // Nonce (16 bytes)
        long size = frame.getUnsignedIntLE(at + 36); // OriginalMessageSize (4 bytes)
        // Reserved (2 bytes)
        int flags = frame.getUnsignedShortLE(at + 42); // Flags / EncryptionAlgorithm (2 bytes)
        long sessionId = frame.getLongLE(at + 44); // SessionId (8 bytes)
        return new TransformHeader(sig, nonce, size, flags, sessionId);
    }

    /** Writes the header; the signature is written later over the ciphertext's tag. */
    public void encode(ByteBuf out) {
        out.writeInt(Smb2Header.TRANSFORM_PROTOCOL_ID); // ProtocolId (4 bytes)
        out.writeBytes(signature); // Signature (16 bytes)
        out.writeBytes(nonce); // Nonce (16 bytes)
        out.writeIntLE((int) originalMessageSize); // OriginalMessageSize (4 bytes)
        out.writeShortLE(0); // Reserved (2 bytes)
        out.writeShortLE(flags); // Flags / EncryptionAlgorithm (2 bytes)
        out.writeLongLE(sessionId); // SessionId (8 bytes)
    }
}
