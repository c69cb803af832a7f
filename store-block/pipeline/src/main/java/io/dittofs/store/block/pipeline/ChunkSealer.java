package io.dittofs.store.block.pipeline;

import io.dittofs.crypto.envelope.DataKey;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.EnvelopeException;
import io.dittofs.crypto.envelope.KeyEnvelope;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.CompressionException;
import io.dittofs.store.block.pipeline.format.ObjectFormatException;
import io.dittofs.store.block.pipeline.format.ObjectHeader;
import io.dittofs.store.block.pipeline.hash.ChunkHash;
import io.dittofs.store.block.pipeline.hash.ChunkHasher;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a chunk into the object stored for it and back. Sealing compresses (raw when that does not
 * pay), then, when a cipher is configured, encrypts under a fresh data key with the encoded header
 * as associated data. Opening reads the header, decrypts, decompresses, and checks the result
 * against the chunk's name, so a read gives the right bytes or a {@link CorruptObjectException},
 * never wrong data.
 *
 * <p>Thread-safe.
 */
public final class ChunkSealer {
    private final ChunkCompressor compressor;
    private final @Nullable EnvelopeCipher cipher;
    private final ChunkHasher hasher;

    /**
     * @param cipher encrypts new objects, or null to store them unencrypted (objects that are
     *     encrypted then fail to open)
     * @param hasher names chunks; the one the chunk names were made with (same key)
     */
    public ChunkSealer(ChunkCompressor compressor, @Nullable EnvelopeCipher cipher, ChunkHasher hasher) {
        this.compressor = compressor;
        this.cipher = cipher;
        this.hasher = hasher;
    }

    /** The object for {@code chunk}'s remaining bytes; {@code chunk} is left as it was. */
    public ByteBuffer seal(ByteBuffer chunk) {
        int originalLength = chunk.remaining();
        ChunkCompressor.Compressed stored = compressor.compress(chunk);
        ByteBuffer payload = stored.data();
        if (cipher == null) {
            ObjectHeader header = new ObjectHeader(
                    stored.algorithm(), null, originalLength, payload.remaining(), ObjectHeader.checksumOf(payload));
            ByteBuffer out = ByteBuffer.allocate(header.objectLength());
            header.encodeTo(out);
            return out.put(payload.duplicate()).flip();
        }
        DataKey key = cipher.newDataKey();
        ObjectHeader header = new ObjectHeader(
                stored.algorithm(),
                key.envelope(),
                originalLength,
                EnvelopeCipher.ciphertextLength(payload.remaining()),
                0);
        byte[] aad = header.encode();
        ByteBuffer out = ByteBuffer.allocate(header.objectLength());
        out.put(aad);
        key.encrypt(payload, out, aad);
        return out.flip();
    }

    /**
     * The chunk stored in {@code object} (from its position), checked against {@code expected}.
     * {@code object} is left as it was.
     *
     * @throws CorruptObjectException when the object is malformed, fails authentication, does not
     *     decompress, or does not hash to {@code expected}
     */
    public ByteBuffer open(ByteBuffer object, ChunkHash expected) {
        ByteBuffer chunk = openUnverified(object);
        ChunkHash actual = hasher.hash(chunk);
        if (!actual.equals(expected)) {
            throw new CorruptObjectException("chunk hashes to " + actual + ", expected " + expected);
        }
        return chunk;
    }

    /** {@link #open} without the hash check, for tools that do not know the name. */
    public ByteBuffer openUnverified(ByteBuffer object) {
        ByteBuffer in = object.duplicate();
        try {
            int headerStart = in.position();
            ObjectHeader header = ObjectHeader.decode(in);
            if (in.remaining() < header.storedLength()) {
                throw new CorruptObjectException(
                        "object truncated: payload " + in.remaining() + " bytes, header says " + header.storedLength());
            }
            ByteBuffer payload = in.slice(in.position(), header.storedLength());
            KeyEnvelope envelope = header.encryption();
            if (envelope != null) {
                if (cipher == null) {
                    throw new CorruptObjectException("object is encrypted but no key provider is configured");
                }
                byte[] aad = new byte[header.length()];
                object.get(headerStart, aad);
                ByteBuffer plain = ByteBuffer.allocate(header.storedLength());
                cipher.decrypt(envelope, payload, plain, aad);
                payload = plain.flip();
            } else if (ObjectHeader.checksumOf(payload) != header.payloadChecksum()) {
                throw new CorruptObjectException("payload checksum mismatch");
            }
            return compressor.decompress(header.compression(), payload, header.originalLength());
        } catch (ObjectFormatException | EnvelopeException | CompressionException e) {
            throw new CorruptObjectException("cannot open object: " + e.getMessage(), e);
        }
    }
}
