package io.dittofs.smb.auth.ntlm;

import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.User;
import io.dittofs.smb.auth.AuthStep;
import io.dittofs.smb.auth.AuthenticatedIdentity;
import io.dittofs.smb.auth.Authenticator;
import io.dittofs.smb.auth.GuestPolicy;
import io.dittofs.smb.wire.NtStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server side of one NTLM exchange (MS-NLMP section 3.2.5): NEGOTIATE in, CHALLENGE out,
 * AUTHENTICATE in, verified as NTLMv2 against the account's NT hash. NTLMv1 and LM responses are
 * refused. After success it holds the ExportedSessionKey and computes and checks the session
 * security MACs SPNEGO's mechListMIC needs (3.4.4.2, with extended session security).
 *
 * <p>Threading: one exchange, driven by one request at a time.
 */
public final class NtlmAuthenticator implements Authenticator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Identities identities;
    private final GuestPolicy guests;
    private final String netbiosName;
    private final String domainName;
    private final byte[] serverChallenge = new byte[8];

    private byte @Nullable [] negotiateMessage;
    private byte @Nullable [] challengeMessage;
    private int flags;
    private byte @Nullable [] exportedSessionKey;

    public NtlmAuthenticator(Identities identities, GuestPolicy guests, String netbiosName, String domainName) {
        this.identities = identities;
        this.guests = guests;
        this.netbiosName = netbiosName;
        this.domainName = domainName;
        RANDOM.nextBytes(serverChallenge);
    }

    /** For tests: a fixed server challenge. */
    NtlmAuthenticator(Identities identities, GuestPolicy guests, byte[] challenge) {
        this(identities, guests, "DITTOFS", "WORKGROUP");
        System.arraycopy(challenge, 0, serverChallenge, 0, 8);
    }

    @Override
    public AuthStep step(byte[] token) {
        try {
            if (negotiateMessage == null) {
                int clientFlags = NtlmMessages.negotiateFlags(token);
                flags = (clientFlags & NtlmFlags.SUPPORTED)
                        | NtlmFlags.TARGET_INFO
                        | NtlmFlags.TARGET_TYPE_SERVER
                        | NtlmFlags.NTLM
                        | NtlmFlags.UNICODE;
                negotiateMessage = token.clone();
                challengeMessage = NtlmMessages.challenge(flags, serverChallenge, netbiosName, domainName);
                return new AuthStep.Continue(challengeMessage.clone());
            }
            if (challengeMessage == null || exportedSessionKey != null) {
                return new AuthStep.Failure(NtStatus.STATUS_INVALID_PARAMETER, "NTLM exchange already complete");
            }
            return authenticate(token);
        } catch (NtlmException e) {
            return new AuthStep.Failure(NtStatus.STATUS_INVALID_PARAMETER, e.getMessage());
        }
    }

    private AuthStep authenticate(byte[] token) {
        NtlmMessages.Authenticate a = NtlmMessages.decodeAuthenticate(token);
        if (a.user().isEmpty() && a.ntResponse().length == 0) {
            return guests.allowAnonymous()
                    ? new AuthStep.Success(
                            new byte[0],
                            new AuthenticatedIdentity(AuthenticatedIdentity.Kind.ANONYMOUS, null, ""),
                            new byte[0])
                    : new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "anonymous logon refused");
        }
        Optional<User> user = findUser(a.user());
        if (user.isEmpty()) {
            return guests.allowGuest()
                    ? new AuthStep.Success(
                            new byte[0],
                            new AuthenticatedIdentity(AuthenticatedIdentity.Kind.GUEST, null, a.user()),
                            new byte[0])
                    : new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "no user '" + a.user() + "'");
        }
        byte[] ntHash = user.get().ntHash();
        if (ntHash == null) {
            return new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "user '" + a.user() + "' has no NT hash");
        }
        if (a.ntResponse().length <= 24) {
            return new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "NTLMv1/LM responses are refused");
        }
        byte[] responseKey = NtlmCrypto.ntowfv2(ntHash, a.user(), a.domain());
        byte[] sessionBaseKey = NtlmCrypto.verifyNtlmV2(responseKey, serverChallenge, a.ntResponse());
        if (sessionBaseKey == null) {
            return new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "bad NTLMv2 response for '" + a.user() + "'");
        }
        // KeyExchangeKey is the SessionBaseKey for NTLMv2 (3.4.5.1).
        byte[] exported = sessionBaseKey;
        if ((a.flags() & NtlmFlags.KEY_EXCH) != 0 && (flags & NtlmFlags.KEY_EXCH) != 0) {
            if (a.encryptedRandomSessionKey().length != 16) {
                return new AuthStep.Failure(NtStatus.STATUS_INVALID_PARAMETER, "bad EncryptedRandomSessionKey");
            }
            exported = NtlmCrypto.rc4(sessionBaseKey, a.encryptedRandomSessionKey());
        }
        if ((NtlmMessages.avFlags(a.ntResponse()) & NtlmMessages.AV_FLAG_MIC_PRESENT) != 0) {
            if (!a.hasMicField() || !micMatches(exported, token)) {
                return new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "bad NTLM MIC");
            }
        }
        flags &= a.flags() | NtlmFlags.TARGET_INFO | NtlmFlags.TARGET_TYPE_SERVER;
        exportedSessionKey = exported;
        return new AuthStep.Success(new byte[0], AuthenticatedIdentity.user(user.get()), exported.clone());
    }

    private boolean micMatches(byte[] key, byte[] authenticate) {
        byte[] zeroed = authenticate.clone();
        Arrays.fill(zeroed, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16, (byte) 0);
        byte[] mic = NtlmCrypto.hmacMd5(key, negotiateMessage, challengeMessage, zeroed);
        return MessageDigest.isEqual(
                mic, Arrays.copyOfRange(authenticate, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16));
    }

    /** Users are found by exact name first, then ignoring case, as Windows account names are. */
    private Optional<User> findUser(String name) {
        Optional<User> exact = identities.userByName(name);
        if (exact.isPresent()) {
            return exact;
        }
        return identities.users().stream()
                .filter(u -> u.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** The MAC of {@code message} a server sends with sequence number 0 (3.4.4.2). */
    public byte[] serverMac(byte[] message) {
        return mac(message, "server-to-client");
    }

    /** Whether {@code mac} is the client's MAC of {@code message} with sequence number 0. */
    public boolean verifyClientMac(byte[] message, byte[] mac) {
        return MessageDigest.isEqual(mac(message, "client-to-server"), mac);
    }

    private byte[] mac(byte[] message, String direction) {
        byte[] key = exportedSessionKey;
        if (key == null) {
            throw new IllegalStateException("no session key yet");
        }
        byte[] signKey = NtlmCrypto.md5(key, magic("session key to " + direction + " signing key magic constant"));
        byte[] seq = new byte[4];
        byte[] checksum = Arrays.copyOf(NtlmCrypto.hmacMd5(signKey, seq, message), 8);
        if ((flags & NtlmFlags.KEY_EXCH) != 0) {
            int sealLength =
                    (flags & NtlmFlags.NEGOTIATE_128) != 0 ? 16 : (flags & NtlmFlags.NEGOTIATE_56) != 0 ? 7 : 5;
            byte[] sealKey = NtlmCrypto.md5(
                    Arrays.copyOf(key, sealLength),
                    magic("session key to " + direction + " sealing key magic constant"));
            checksum = NtlmCrypto.rc4(sealKey, checksum);
        }
        return NtlmCrypto.concat(new byte[] {1, 0, 0, 0}, checksum, seq);
    }

    private static byte[] magic(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(b, b.length + 1);
    }
}
