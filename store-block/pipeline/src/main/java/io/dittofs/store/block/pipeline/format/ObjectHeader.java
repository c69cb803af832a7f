package io.dittofs.store.block.pipeline.format;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.KeyEnvelope;
import io.dittofs.crypto.envelope.KeyProvider;
import io.dittofs.store.block.pipeline.compress.Compression;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The header at the start of every stored object (a chunk, or one entry of a pack), version 1.
 * All integers big-endian; the payload ({@code storedLength} bytes) follows the header directly.
 *
 * <pre>
 *  offset size  field
 *   0     4     magic "DFSO" (0x44 0x46 0x53 0x4F)
 *   4     1     format version (1)
 *   5     1     compression id: 0 none, 1 zstd, 2 lz4
 *   6     1     encryption id: 0 none, 1 AES-256-GCM, 2 ChaCha20-Poly1305
 *   7     1     flags (0; any other value is rejected by version 1 readers)
 *   8     2     header length H, this whole header in bytes (30 unencrypted)
 *  10     1     key id length k (0 when not encrypted)
 *  11     1     nonce length n (0, or 12 when encrypted)
 *  12     1     wrapped data key length w (0 when not encrypted)
 *  13     1     reserved (0)
 *  14     4     original length: the chunk's plaintext bytes
 *  18     4     stored length: payload bytes after the header (compressed, plus the tag)
 *  22     4     payload CRC-32C when not encrypted; 0 when encrypted (the AEAD tag covers it)
 *  26     k     key id (ASCII): the KEK the data key is wrapped under
 *  26+k   n     nonce
 *  26+k+n w     wrapped data key
 *  H-4    4     CRC-32C of bytes 0 to H-4
 * </pre>
 *
 * <p>When the object is encrypted, the whole encoded header is the AEAD's associated data, so a
 * change to any header byte fails authentication; the header CRC catches header damage early
 * and for unencrypted objects, whose payload the payload CRC covers (a flipped byte can
 * otherwise hide in bits a decompressor ignores).
 *
 * @param encryption the key envelope, or null when the payload is not encrypted
 * @param payloadChecksum CRC-32C of the payload when not encrypted, 0 when encrypted
 */
public record ObjectHeader(
        Compression compression,
        @Nullable KeyEnvelope encryption,
        int originalLength,
        int storedLength,
        int payloadChecksum) {
    /** The magic "DFSO". */
    public static final int MAGIC = 0x4446534f;
    /** The format version this class writes and the newest it reads. */
    public static final int VERSION = 1;
    /** Largest original or stored length accepted: a frame limit against corrupt headers. */
    public static final int MAX_LENGTH = 64 * 1024 * 1024 + 1024;
    /** Bytes before the variable fields. */
    static final int FIXED_LENGTH = 26;
    /** Bytes of the trailing checksum. */
    static final int CHECKSUM_LENGTH = 4;

    public ObjectHeader {
        if (originalLength < 0 || originalLength > MAX_LENGTH) {
            throw new IllegalArgumentException("original length out of range: " + originalLength);
        }
        if (storedLength < 0 || storedLength > MAX_LENGTH) {
            throw new IllegalArgumentException("stored length out of range: " + storedLength);
        }
        if (encryption != null && payloadChecksum != 0) {
            throw new IllegalArgumentException("encrypted objects carry no payload checksum");
        }
    }

    /** The CRC-32C of {@code payload}'s remaining bytes, as recorded for unencrypted objects. */
    public static int checksumOf(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    /** The encoded size of this header. */
    public int length() {
        int variable = encryption == null
                ? 0
                : encryption.keyId().length() + AeadAlgorithm.NONCE_LENGTH + encryption.wrappedKey().length;
        return FIXED_LENGTH + variable + CHECKSUM_LENGTH;
    }

    /** The whole object's size: header and payload. */
    public int objectLength() {
        return length() + storedLength;
    }

    /** The encoded header as a new array (the associated data for encryption). */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(length());
        encodeTo(out);
        return out.array();
    }

    /** Writes the encoded header at {@code out}'s position, advancing it. */
    public void encodeTo(ByteBuffer out) {
        int start = out.position();
        byte[] keyId = encryption == null ? new byte[0] : encryption.keyId().getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = encryption == null ? new byte[0] : encryption.nonce();
        byte[] wrapped = encryption == null ? new byte[0] : encryption.wrappedKey();
        out.putInt(MAGIC); // Magic (4 bytes)
        out.put((byte) VERSION); // Format version (1 byte)
        out.put((byte) compression.id()); // Compression (1 byte)
        out.put((byte) (encryption == null ? 0 : encryption.algorithm().id())); // Encryption (1 byte)
        out.put((byte) 0); // Flags (1 byte)
        out.putShort((short) length()); // Header length (2 bytes)
        out.put((byte) keyId.length); // Key id length (1 byte)
        out.put((byte) nonce.length); // Nonce length (1 byte)
        out.put((byte) wrapped.length); // Wrapped key length (1 byte)
        out.put((byte) 0); // Reserved (1 byte)
        out.putInt(originalLength); // Original length (4 bytes)
        out.putInt(storedLength); // Stored length (4 bytes)
        out.putInt(payloadChecksum); // Payload CRC-32C (4 bytes)
        out.put(keyId); // Key id (k bytes)
        out.put(nonce); // Nonce (n bytes)
        out.put(wrapped); // Wrapped key (w bytes)
        out.putInt(crc(out, start, out.position() - start)); // CRC-32C (4 bytes)
    }

    /**
     * Reads a header at {@code in}'s position and advances past it (not past the payload).
     *
     * @throws ObjectFormatException when the bytes are truncated, not an object, of an unknown
     *     version, or inconsistent; the buffer's position is then unchanged
     */
    public static ObjectHeader decode(ByteBuffer in) {
        int start = in.position();
        int available = in.remaining();
        if (available < 4) {
            throw new ObjectFormatException(ObjectFormatException.Kind.TRUNCATED, "object shorter than its magic");
        }
        if (in.getInt(start) != MAGIC) {
            throw new ObjectFormatException(
                    ObjectFormatException.Kind.BAD_MAGIC,
                    String.format("bad magic 0x%08x, expected 0x%08x (\"DFSO\")", in.getInt(start), MAGIC));
        }
        if (available < 5) {
            throw truncated(available, 5);
        }
        int version = in.get(start + 4) & 0xff;
        if (version != VERSION) {
            throw new ObjectFormatException(
                    ObjectFormatException.Kind.UNSUPPORTED_VERSION,
                    "object format version " + version + " is not supported (this build reads version " + VERSION
                            + ")");
        }
        if (available < FIXED_LENGTH) {
            throw truncated(available, FIXED_LENGTH);
        }
        int headerLength = in.getShort(start + 8) & 0xffff;
        if (headerLength < FIXED_LENGTH + CHECKSUM_LENGTH) {
            throw corrupt("header length " + headerLength + " is too small");
        }
        if (available < headerLength) {
            throw truncated(available, headerLength);
        }
        int crcAt = start + headerLength - CHECKSUM_LENGTH;
        if (in.getInt(crcAt) != crc(in, start, headerLength - CHECKSUM_LENGTH)) {
            throw corrupt("header checksum mismatch");
        }
        ObjectHeader header = parse(in, start, headerLength);
        in.position(start + headerLength);
        return header;
    }

    private static ObjectHeader parse(ByteBuffer in, int start, int headerLength) {
        Compression compression;
        try {
            compression = Compression.fromId(in.get(start + 5) & 0xff);
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        int encryptionId = in.get(start + 6) & 0xff;
        int flags = in.get(start + 7) & 0xff;
        int keyIdLength = in.get(start + 10) & 0xff;
        int nonceLength = in.get(start + 11) & 0xff;
        int wrappedLength = in.get(start + 12) & 0xff;
        int reserved = in.get(start + 13) & 0xff;
        int originalLength = in.getInt(start + 14);
        int storedLength = in.getInt(start + 18);
        int payloadChecksum = in.getInt(start + 22);
        if (flags != 0 || reserved != 0) {
            throw corrupt("unknown flags " + flags + " or reserved byte " + reserved);
        }
        if (FIXED_LENGTH + keyIdLength + nonceLength + wrappedLength + CHECKSUM_LENGTH != headerLength) {
            throw corrupt("field lengths do not add up to the header length " + headerLength);
        }
        if (originalLength < 0 || originalLength > MAX_LENGTH || storedLength < 0 || storedLength > MAX_LENGTH) {
            throw corrupt("lengths out of range: original " + originalLength + ", stored " + storedLength);
        }
        KeyEnvelope envelope = null;
        if (encryptionId == 0) {
            if (keyIdLength != 0 || nonceLength != 0 || wrappedLength != 0) {
                throw corrupt("unencrypted object with key fields");
            }
        } else {
            envelope = envelope(in, start + FIXED_LENGTH, encryptionId, keyIdLength, nonceLength, wrappedLength);
            if (storedLength < AeadAlgorithm.TAG_LENGTH) {
                throw corrupt("encrypted payload shorter than its tag: " + storedLength);
            }
            if (payloadChecksum != 0) {
                throw corrupt("encrypted object with a payload checksum");
            }
        }
        return new ObjectHeader(compression, envelope, originalLength, storedLength, payloadChecksum);
    }

    private static KeyEnvelope envelope(
            ByteBuffer in, int at, int encryptionId, int keyIdLength, int nonceLength, int wrappedLength) {
        AeadAlgorithm algorithm;
        try {
            algorithm = AeadAlgorithm.fromId(encryptionId);
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        if (nonceLength != AeadAlgorithm.NONCE_LENGTH || wrappedLength == 0 || keyIdLength == 0) {
            throw corrupt("encrypted object needs a key id, a " + AeadAlgorithm.NONCE_LENGTH
                    + "-byte nonce and a wrapped key");
        }
        byte[] keyId = new byte[keyIdLength];
        byte[] nonce = new byte[nonceLength];
        byte[] wrapped = new byte[wrappedLength];
        in.get(at, keyId);
        in.get(at + keyIdLength, nonce);
        in.get(at + keyIdLength + nonceLength, wrapped);
        String id = new String(keyId, StandardCharsets.US_ASCII);
        if (!KeyProvider.isValidKeyId(id)) {
            throw corrupt("invalid key id");
        }
        return new KeyEnvelope(algorithm, id, wrapped, nonce);
    }

    private static int crc(ByteBuffer buf, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(from + length).position(from));
        return (int) crc.getValue();
    }

    private static ObjectFormatException truncated(int available, int needed) {
        return new ObjectFormatException(
                ObjectFormatException.Kind.TRUNCATED,
                "object truncated: " + available + " bytes, the header needs " + needed);
    }

    private static ObjectFormatException corrupt(String why) {
        return new ObjectFormatException(ObjectFormatException.Kind.CORRUPT, "corrupt object header: " + why);
    }
}
