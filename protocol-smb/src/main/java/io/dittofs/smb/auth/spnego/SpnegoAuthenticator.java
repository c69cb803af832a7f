package io.dittofs.smb.auth.spnego;

import io.dittofs.smb.auth.AuthStep;
import io.dittofs.smb.auth.Authenticator;
import io.dittofs.smb.auth.ntlm.NtlmAuthenticator;
import io.dittofs.smb.auth.ntlm.NtlmMessages;
import io.dittofs.smb.wire.NtStatus;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * SPNEGO (RFC 4178 with the MS-SPNG extensions) around NTLM: unwraps NegTokenInit and NegTokenResp,
 * hands the mechanism tokens to NTLM, wraps its answers, and checks and returns the mechListMIC
 * that protects the mechanism list against downgrade (RFC 4178 section 5). Raw NTLMSSP tokens
 * without SPNEGO are accepted too.
 *
 * <p>The seam for Kerberos: a second mechanism would be chosen here by OID.
 *
 * <p>Threading: one exchange, driven by one request at a time.
 */
public final class SpnegoAuthenticator implements Authenticator {
    private final NtlmAuthenticator ntlm;
    private byte @Nullable [] mechTypesDer;
    private boolean raw;
    private boolean started;

    public SpnegoAuthenticator(NtlmAuthenticator ntlm) {
        this.ntlm = ntlm;
    }

    @Override
    public AuthStep step(byte[] token) {
        if (!started && (NtlmMessages.isMessage(token, NtlmMessages.NEGOTIATE))) {
            raw = true;
        }
        started = true;
        if (raw) {
            return ntlm.step(token);
        }
        try {
            return spnegoStep(token);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return new AuthStep.Failure(NtStatus.STATUS_INVALID_PARAMETER, "bad SPNEGO token: " + e.getMessage());
        }
    }

    private AuthStep spnegoStep(byte[] token) throws IOException {
        SpnegoTokens.Parsed parsed = SpnegoTokens.parse(token);
        if (parsed instanceof SpnegoTokens.Init init) {
            if (!init.mechTypes().contains(SpnegoTokens.NTLMSSP)) {
                return new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "client offers no NTLMSSP");
            }
            mechTypesDer = new org.bouncycastle.asn1.DERSequence(
                            init.mechTypes().toArray(new ASN1ObjectIdentifier[0]))
                    .getEncoded(ASN1Encoding.DER);
            byte[] mechToken = init.mechToken();
            if (mechToken == null || !init.mechTypes().get(0).equals(SpnegoTokens.NTLMSSP)) {
                // The optimistic token (if any) is for a mechanism we do not do: ask for NTLMSSP.
                return new AuthStep.Continue(SpnegoTokens.response(SpnegoTokens.ACCEPT_INCOMPLETE, true, null, null));
            }
            return wrap(ntlm.step(mechToken), null);
        }
        SpnegoTokens.Resp resp = (SpnegoTokens.Resp) parsed;
        byte[] mechToken = resp.responseToken();
        if (mechToken == null) {
            return new AuthStep.Failure(NtStatus.STATUS_INVALID_PARAMETER, "NegTokenResp without a token");
        }
        return wrap(ntlm.step(mechToken), resp.mechListMic());
    }

    private AuthStep wrap(AuthStep step, byte @Nullable [] clientMic) {
        return switch (step) {
            case AuthStep.Continue c ->
                new AuthStep.Continue(SpnegoTokens.response(SpnegoTokens.ACCEPT_INCOMPLETE, true, c.token(), null));
            case AuthStep.Failure f -> f;
            case AuthStep.Success s -> {
                byte[] serverMic = null;
                if (clientMic != null && mechTypesDer != null && s.sessionKey().length > 0) {
                    if (!ntlm.verifyClientMac(mechTypesDer, clientMic)) {
                        yield new AuthStep.Failure(NtStatus.STATUS_LOGON_FAILURE, "bad SPNEGO mechListMIC");
                    }
                    serverMic = ntlm.serverMac(mechTypesDer);
                }
                yield new AuthStep.Success(
                        SpnegoTokens.response(SpnegoTokens.ACCEPT_COMPLETED, false, null, serverMic),
                        s.identity(),
                        s.sessionKey());
            }
        };
    }
}
