package io.dittofs.smb.auth.ntlm;

import io.dittofs.smb.wire.FileTime;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Codecs for the three NTLM messages (MS-NLMP section 2.2.1): NEGOTIATE_MESSAGE and
 * AUTHENTICATE_MESSAGE are decoded, CHALLENGE_MESSAGE encoded. Every payload field is checked
 * against the message before use.
 */
public final class NtlmMessages {
    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    public static final int NEGOTIATE = 1;
    public static final int CHALLENGE = 2;
    public static final int AUTHENTICATE = 3;

    /** AV_PAIR ids (MS-NLMP section 2.2.2.1). */
    static final int MSV_AV_EOL = 0;

    static final int MSV_AV_NB_COMPUTER_NAME = 1;
    static final int MSV_AV_NB_DOMAIN_NAME = 2;
    static final int MSV_AV_DNS_COMPUTER_NAME = 3;
    static final int MSV_AV_DNS_DOMAIN_NAME = 4;
    static final int MSV_AV_FLAGS = 6;
    static final int MSV_AV_TIMESTAMP = 7;
    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC. */
    static final int AV_FLAG_MIC_PRESENT = 0x2;

    /** Offset of the MIC in an AUTHENTICATE_MESSAGE that has a Version field. */
    static final int MIC_OFFSET = 72;

    private NtlmMessages() {}

    /** Whether {@code token} is an NTLMSSP message of {@code type}. */
    public static boolean isMessage(byte[] token, int type) {
        return token.length >= 12
                && Arrays.equals(token, 0, 8, SIGNATURE, 0, 8)
                && le(token).getInt(8) == type;
    }

    /** The NegotiateFlags of a NEGOTIATE_MESSAGE (2.2.1.1). */
    public static int negotiateFlags(byte[] negotiate) {
        if (!isMessage(negotiate, NEGOTIATE) || negotiate.length < 16) {
            throw new NtlmException("not an NTLM NEGOTIATE_MESSAGE");
        }
        return le(negotiate).getInt(12); // NegotiateFlags (4 bytes)
    }

    /**
     * A CHALLENGE_MESSAGE (2.2.1.2) with the server's names in TargetName and TargetInfo (plus a
     * timestamp, which obliges clients to send a MIC).
     */
    public static byte[] challenge(int flags, byte[] serverChallenge, String netbiosName, String domainName) {
        byte[] target = domainName.getBytes(StandardCharsets.UTF_16LE);
        byte[] info = targetInfo(netbiosName, domainName);
        int payload = 56;
        ByteBuffer b = le(new byte[payload + target.length + info.length]);
        b.put(SIGNATURE); // Signature (8 bytes)
        b.putInt(CHALLENGE); // MessageType (4 bytes)
        b.putShort((short) target.length).putShort((short) target.length).putInt(payload); // TargetNameFields (8 bytes)
        b.putInt(flags); // NegotiateFlags (4 bytes)
        b.put(serverChallenge); // ServerChallenge (8 bytes)
        b.putLong(0); // Reserved (8 bytes)
        b.putShort((short) info.length)
                .putShort((short) info.length)
                .putInt(payload + target.length); // TargetInfoFields
        b.put((byte) 10).put((byte) 0).putShort((short) 20348).put(new byte[] {0, 0, 0, 15}); // Version (8 bytes)
        b.put(target).put(info); // Payload
        return b.array();
    }

    private static byte[] targetInfo(String netbiosName, String domainName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        avPair(out, MSV_AV_NB_DOMAIN_NAME, domainName.getBytes(StandardCharsets.UTF_16LE));
        avPair(out, MSV_AV_NB_COMPUTER_NAME, netbiosName.getBytes(StandardCharsets.UTF_16LE));
        avPair(
                out,
                MSV_AV_DNS_DOMAIN_NAME,
                domainName.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_16LE));
        avPair(
                out,
                MSV_AV_DNS_COMPUTER_NAME,
                netbiosName.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_16LE));
        avPair(out, MSV_AV_TIMESTAMP, le(new byte[8]).putLong(FileTime.now()).array());
        avPair(out, MSV_AV_EOL, new byte[0]);
        return out.toByteArray();
    }

    private static void avPair(ByteArrayOutputStream out, int id, byte[] value) {
        out.writeBytes(le(new byte[4])
                .putShort((short) id)
                .putShort((short) value.length)
                .array());
        out.writeBytes(value);
    }

    /** The fields of an AUTHENTICATE_MESSAGE (2.2.1.3) the server uses. */
    public record Authenticate(
            byte[] lmResponse,
            byte[] ntResponse,
            String domain,
            String user,
            String workstation,
            byte[] encryptedRandomSessionKey,
            int flags,
            boolean hasMicField) {}

    public static Authenticate decodeAuthenticate(byte[] m) {
        if (!isMessage(m, AUTHENTICATE) || m.length < 64) {
            throw new NtlmException("not an NTLM AUTHENTICATE_MESSAGE");
        }
        ByteBuffer b = le(m);
        int flags = b.getInt(60); // NegotiateFlags (4 bytes)
        boolean unicode = (flags & NtlmFlags.UNICODE) != 0;
        byte[] lm = field(m, 12); // LmChallengeResponseFields (8 bytes)
        byte[] nt = field(m, 20); // NtChallengeResponseFields (8 bytes)
        String domain = text(field(m, 28), unicode); // DomainNameFields (8 bytes)
        String user = text(field(m, 36), unicode); // UserNameFields (8 bytes)
        String workstation = text(field(m, 44), unicode); // WorkstationFields (8 bytes)
        byte[] key = field(m, 52); // EncryptedRandomSessionKeyFields (8 bytes)
        // Version (8 bytes) and MIC (16 bytes) follow when the payload starts after them.
        int firstPayload = m.length;
        for (int at = 12; at <= 52; at += 8) {
            if (b.getShort(at) != 0) {
                firstPayload = Math.min(firstPayload, b.getInt(at + 4));
            }
        }
        boolean hasMic = firstPayload >= MIC_OFFSET + 16 && m.length >= MIC_OFFSET + 16;
        return new Authenticate(lm, nt, domain, user, workstation, key, flags, hasMic);
    }

    private static byte[] field(byte[] m, int at) {
        ByteBuffer b = le(m);
        int len = b.getShort(at) & 0xFFFF;
        long offset = b.getInt(at + 4) & 0xFFFFFFFFL;
        if (len == 0) {
            return new byte[0];
        }
        if (offset + len > m.length) {
            throw new NtlmException("NTLM field outside the message");
        }
        return Arrays.copyOfRange(m, (int) offset, (int) offset + len);
    }

    private static String text(byte[] b, boolean unicode) {
        return new String(b, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    /** The MsvAvFlags value in the AV pairs of an NTLMv2 response's client blob, or 0. */
    static int avFlags(byte[] ntResponse) {
        // NTProofStr (16) + RespType, HiRespType, Reserved1 (2), Reserved2 (4), TimeStamp (8),
        // ChallengeFromClient (8), Reserved3 (4) = 44 bytes before the AV pairs.
        int at = 44;
        ByteBuffer b = le(ntResponse);
        while (at + 4 <= ntResponse.length) {
            int id = b.getShort(at) & 0xFFFF;
            int len = b.getShort(at + 2) & 0xFFFF;
            if (id == MSV_AV_EOL || at + 4 + len > ntResponse.length) {
                return 0;
            }
            if (id == MSV_AV_FLAGS && len == 4) {
                return b.getInt(at + 4);
            }
            at += 4 + len;
        }
        return 0;
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
