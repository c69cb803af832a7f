package io.dittofs.smb.encryption;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CCM (NIST SP 800-38C, RFC 3610) on the JDK's AES: CTR for the keystream
 * ("AES/CTR/NoPadding") and CBC-MAC through "AES/CBC/NoPadding", both on the CPU's AES
 * instructions. SMB 3.x uses it with an 11-byte nonce and a 16-byte tag (MS-SMB2 3.1.4.3).
 *
 * <p>Written by hand because the JDK has no CCM, and BouncyCastle's pure-Java AES costs several
 * times the CPU per byte (see the CCM benchmark in {@code benchmarks}). Messages are processed in
 * {@value #CHUNK}-byte chunks, MAC and keystream over each chunk in turn while it is in cache,
 * straight between the caller's buffers: the body is read once and written once. Checked
 * against RFC 3610 and SP 800-38C vectors and against BouncyCastle in {@code AesCcmTest}.
 *
 * <p>Not thread-safe: one per message (two JDK ciphers).
 */
public final class AesCcm {
    private static final int BLOCK = 16;
    private static final byte[] ZERO_BLOCK = new byte[BLOCK];
    /** Bytes of the body MACed and en/decrypted at a time (a multiple of the block). */
    private static final int CHUNK = 16 * 1024;
    /** SP 800-38C A.2.2: associated data shorter than 2^16 - 2^8 has a 2-byte length prefix. */
    private static final int MAX_SHORT_AAD = 0xFF00;

    private final SecretKeySpec key;
    private final int tagLength;
    private final Cipher ctr;
    private final Cipher cbc;
    private final byte[] scratch = new byte[CHUNK];
    /** The last CBC output block: after the last input block, the MAC (SP 800-38C 6.1 step 4). */
    private final byte[] lastBlock = new byte[BLOCK];

    /**
     * @param key a 16-, 24- or 32-byte AES key
     * @param tagLength the tag's length in bytes: 4, 6, 8, 10, 12, 14 or 16
     */
    public AesCcm(byte[] key, int tagLength) {
        if (tagLength < 4 || tagLength > 16 || (tagLength & 1) != 0) {
            throw new IllegalArgumentException("CCM tag length " + tagLength);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.tagLength = tagLength;
        try {
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            cbc = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    /**
     * Encrypts {@code plain}'s remaining bytes into {@code out} (the same number of bytes) and
     * returns the tag. Consumes {@code plain} and advances {@code out}.
     */
    public byte[] seal(byte[] nonce, ByteBuffer aad, ByteBuffer plain, ByteBuffer out) {
        int length = plain.remaining();
        try {
            byte[] s0 = start(nonce, aad, length);
            while (plain.hasRemaining()) {
                int n = Math.min(CHUNK, plain.remaining());
                mac(plain.slice(plain.position(), n), n == plain.remaining());
                ctr.update(plain.slice(plain.position(), n), out);
                plain.position(plain.position() + n);
            }
            return tag(s0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CCM failed", e);
        }
    }

    /**
     * Decrypts {@code cipherText}'s remaining bytes into {@code out} and checks {@code tag}.
     * Consumes {@code cipherText} and advances {@code out}; when this returns {@code false} the
     * bytes written to {@code out} are not authentic and must be discarded.
     */
    public boolean open(byte[] nonce, ByteBuffer aad, ByteBuffer cipherText, ByteBuffer out, byte[] tag) {
        int length = cipherText.remaining();
        try {
            byte[] s0 = start(nonce, aad, length);
            while (cipherText.hasRemaining()) {
                int n = Math.min(CHUNK, cipherText.remaining());
                boolean last = n == cipherText.remaining();
                int at = out.position();
                ctr.update(cipherText.slice(cipherText.position(), n), out);
                cipherText.position(cipherText.position() + n);
                mac(out.slice(at, n), last);
            }
            return tag.length == tagLength && MessageDigest.isEqual(tag(s0), tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CCM failed", e);
        }
    }

    /**
     * Starts both ciphers for one message: the MAC over B0 and the encoded associated data
     * (SP 800-38C A.2.1, A.2.2), and the counter at Ctr0; returns S0, the keystream block that
     * masks the tag (6.1 step 7-8).
     */
    private byte[] start(byte[] nonce, ByteBuffer aad, int length) throws GeneralSecurityException {
        int n = nonce.length;
        if (n < 7 || n > 13) {
            throw new IllegalArgumentException("CCM nonce length " + n);
        }
        int q = 15 - n; // bytes of the length field and of the counter
        if (q < 4 && length >= 1L << (8 * q)) {
            throw new IllegalArgumentException("message of " + length + " bytes too long for a " + n + "-byte nonce");
        }
        int a = aad.remaining();
        if (a >= MAX_SHORT_AAD) {
            throw new IllegalArgumentException("associated data of " + a + " bytes");
        }
        int aadBlocks = a == 0 ? 0 : (2 + a + BLOCK - 1) / BLOCK;
        byte[] head = new byte[BLOCK * (1 + aadBlocks)];
        // B0: Flags = Adata·64 + ((t-2)/2)·8 + (q-1), then N, then Q big-endian (A.2.1).
        head[0] = (byte) ((a > 0 ? 0x40 : 0) | (((tagLength - 2) / 2) << 3) | (q - 1));
        System.arraycopy(nonce, 0, head, 1, n);
        for (int i = 0, len = length; i < q && i < 4; i++, len >>>= 8) {
            head[BLOCK - 1 - i] = (byte) len;
        }
        if (a > 0) {
            head[BLOCK] = (byte) (a >>> 8);
            head[BLOCK + 1] = (byte) a;
            aad.duplicate().get(head, BLOCK + 2, a);
        }
        cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ZERO_BLOCK));
        macBlocks(ByteBuffer.wrap(head));

        // Ctr_i: Flags = q-1, then N, then i big-endian (A.3); Ctr0 gives S0, Ctr1 onward the body.
        byte[] ctr0 = new byte[BLOCK];
        ctr0[0] = (byte) (q - 1);
        System.arraycopy(nonce, 0, ctr0, 1, n);
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ctr0));
        return ctr.update(ZERO_BLOCK);
    }

    /** Adds body bytes to the MAC; the last piece is zero-padded to a whole block (A.2.3). */
    private void mac(ByteBuffer body, boolean last) throws GeneralSecurityException {
        int whole = body.remaining() & -BLOCK;
        macBlocks(body.slice(body.position(), whole));
        int tail = body.remaining() - whole;
        if (tail > 0) {
            if (!last) {
                throw new IllegalStateException("a partial block before the end"); // CHUNK is whole blocks
            }
            byte[] padded = new byte[BLOCK];
            body.get(body.position() + whole, padded, 0, tail);
            macBlocks(ByteBuffer.wrap(padded));
        }
    }

    private void macBlocks(ByteBuffer blocks) throws GeneralSecurityException {
        while (blocks.hasRemaining()) {
            int n = Math.min(CHUNK, blocks.remaining());
            ByteBuffer piece = blocks.slice(blocks.position(), n);
            blocks.position(blocks.position() + n);
            cbc.update(piece, ByteBuffer.wrap(scratch, 0, n));
            System.arraycopy(scratch, n - BLOCK, lastBlock, 0, BLOCK);
        }
    }

    /** U = MSB_Tlen(T) xor MSB_Tlen(S0) (6.1 step 8). */
    private byte[] tag(byte[] s0) {
        byte[] t = new byte[tagLength];
        for (int i = 0; i < tagLength; i++) {
            t[i] = (byte) (lastBlock[i] ^ s0[i]);
        }
        return t;
    }
}
