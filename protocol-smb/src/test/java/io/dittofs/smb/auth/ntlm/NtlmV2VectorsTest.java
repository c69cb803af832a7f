package io.dittofs.smb.auth.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.runtime.identity.User;
import io.dittofs.smb.auth.AuthStep;
import io.dittofs.smb.auth.AuthenticatedIdentity;
import io.dittofs.smb.auth.GuestPolicy;
import io.dittofs.smb.wire.NtStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NTLMv2 example of MS-NLMP section 4.2.4: User / Domain / Password, server challenge 0123456789abcdef. */
class NtlmV2VectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final byte[] CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");
    /** MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL (4.2.4.1.3). */
    private static final byte[] AV_PAIRS =
            HEX.parseHex("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000");

    private static final int FLAGS = 0xE28A8233; // 4.2.4: the negotiated flags of the example

    /** temp of 3.3.2: 0x01 0x01, Z(6), Time (0), ClientChallenge, Z(4), ServerName (the AV pairs), Z(4). */
    static byte[] temp() {
        return ByteBuffer.allocate(28 + AV_PAIRS.length + 4)
                .put(new byte[] {1, 1, 0, 0, 0, 0, 0, 0})
                .putLong(0)
                .put(CLIENT_CHALLENGE)
                .putInt(0)
                .put(AV_PAIRS)
                .putInt(0)
                .array();
    }

    @Test
    void ntowfv2MatchesSection4_2_4_1_1() {
        byte[] key = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        assertThat(HEX.formatHex(key)).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
    }

    @Test
    void ntHashMatchesSection4_2_2_1_2() {
        assertThat(HEX.formatHex(NtlmCrypto.ntHash("Password"))).isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
    }

    @Test
    void ntProofStrAndSessionBaseKeyMatchSection4_2_4_2() {
        byte[] key = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        byte[] proof = java.util.Arrays.copyOf(NtlmCrypto.hmacMd5(key, SERVER_CHALLENGE, temp()), 16);
        assertThat(HEX.formatHex(proof)).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        byte[] sessionBaseKey = NtlmCrypto.verifyNtlmV2(key, SERVER_CHALLENGE, concat(proof, temp()));
        assertThat(HEX.formatHex(sessionBaseKey)).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
        // 4.2.4.2.3: RandomSessionKey 55..55 encrypted with the KeyExchangeKey (the SessionBaseKey).
        assertThat(HEX.formatHex(NtlmCrypto.rc4(sessionBaseKey, HEX.parseHex("55".repeat(16)))))
                .isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
    }

    @Test
    void theServerAcceptsTheExampleAuthenticateAndRecoversTheRandomSessionKey() {
        NtlmAuthenticator server = new NtlmAuthenticator(identities(), new GuestPolicy(false, false), SERVER_CHALLENGE);
        assertThat(server.step(negotiate())).isInstanceOf(AuthStep.Continue.class);
        byte[] key = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        byte[] nt = concat(java.util.Arrays.copyOf(NtlmCrypto.hmacMd5(key, SERVER_CHALLENGE, temp()), 16), temp());
        AuthStep step = server.step(authenticate("User", nt, HEX.parseHex("c5dad2544fc9799094ce1ce90bc9d03e")));
        assertThat(step).isInstanceOf(AuthStep.Success.class);
        AuthStep.Success s = (AuthStep.Success) step;
        assertThat(s.identity().kind()).isEqualTo(AuthenticatedIdentity.Kind.USER);
        assertThat(HEX.formatHex(s.sessionKey())).isEqualTo("55".repeat(16));
    }

    @Test
    void aWrongProofIsALogonFailure() {
        NtlmAuthenticator server = new NtlmAuthenticator(identities(), new GuestPolicy(false, false), SERVER_CHALLENGE);
        server.step(negotiate());
        byte[] nt = concat(new byte[16], temp());
        AuthStep step = server.step(authenticate("User", nt, new byte[16]));
        assertThat(step).isInstanceOfSatisfying(AuthStep.Failure.class, f -> assertThat(f.status())
                .isEqualTo(NtStatus.STATUS_LOGON_FAILURE));
    }

    @Test
    void anUnknownUserIsAGuestOnlyWhenGuestsAreAllowed() {
        NtlmAuthenticator strict = new NtlmAuthenticator(identities(), new GuestPolicy(false, false), SERVER_CHALLENGE);
        strict.step(negotiate());
        assertThat(strict.step(authenticate("Nobody", concat(new byte[16], temp()), new byte[0])))
                .isInstanceOf(AuthStep.Failure.class);
        NtlmAuthenticator lax = new NtlmAuthenticator(identities(), new GuestPolicy(true, false), SERVER_CHALLENGE);
        lax.step(negotiate());
        assertThat(lax.step(authenticate("Nobody", concat(new byte[16], temp()), new byte[0])))
                .isInstanceOfSatisfying(
                        AuthStep.Success.class,
                        s -> assertThat(s.identity().kind()).isEqualTo(AuthenticatedIdentity.Kind.GUEST));
    }

    @Test
    void ntlmV1ResponsesAreRefused() {
        NtlmAuthenticator server = new NtlmAuthenticator(identities(), new GuestPolicy(false, false), SERVER_CHALLENGE);
        server.step(negotiate());
        assertThat(server.step(authenticate("User", new byte[24], new byte[0]))).isInstanceOf(AuthStep.Failure.class);
    }

    private static Identities identities() {
        Identities ids = new Identities(Sid.parse("S-1-5-21-1-2-3"));
        ids.putUser(new User("User", 1000, 1000, List.of(), null, NtlmCrypto.ntHash("Password")));
        return ids;
    }

    static byte[] negotiate() {
        return ByteBuffer.allocate(32)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII))
                .putInt(1)
                .putInt(FLAGS)
                .putLong(0) // DomainNameFields
                .putLong(0) // WorkstationFields
                .array();
    }

    /** An AUTHENTICATE_MESSAGE (2.2.1.3) with a Version field and no MIC, payload after byte 72. */
    static byte[] authenticate(String user, byte[] nt, byte[] encryptedKey) {
        byte[] lm = new byte[24];
        byte[] domain = "Domain".getBytes(StandardCharsets.UTF_16LE);
        byte[] u = user.getBytes(StandardCharsets.UTF_16LE);
        byte[] ws = "COMPUTER".getBytes(StandardCharsets.UTF_16LE);
        int at = 72;
        ByteBuffer b = ByteBuffer.allocate(
                        at + lm.length + nt.length + domain.length + u.length + ws.length + encryptedKey.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(3);
        for (byte[] f : new byte[][] {lm, nt, domain, u, ws, encryptedKey}) {
            b.putShort((short) f.length).putShort((short) f.length).putInt(at);
            at += f.length;
        }
        b.putInt(FLAGS);
        b.putLong(0); // Version
        for (byte[] f : new byte[][] {lm, nt, domain, u, ws, encryptedKey}) {
            b.put(f);
        }
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
