package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.smb.EncryptionMode;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.auth.AuthStep;
import io.dittofs.smb.auth.AuthenticatedIdentity;
import io.dittofs.smb.auth.Authenticator;
import io.dittofs.smb.auth.ntlm.NtlmAuthenticator;
import io.dittofs.smb.auth.spnego.SpnegoAuthenticator;
import io.dittofs.smb.messages.Smb2NegotiateResponse;
import io.dittofs.smb.messages.Smb2SessionSetupRequest;
import io.dittofs.smb.messages.Smb2SessionSetupResponse;
import io.dittofs.smb.server.Connection;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Session;
import io.dittofs.smb.server.SessionState;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.signing.Cipher;
import io.dittofs.smb.signing.SessionKeys;
import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMB2 SESSION_SETUP (MS-SMB2 section 3.3.5.5): runs the SPNEGO/NTLM exchange leg by leg,
 * keeps the 3.1.1 pre-authentication hash of the session, and on success derives the session's
 * keys and asks the pipeline to sign the final response. A VALID session may re-authenticate;
 * channel binding (multichannel) is refused.
 */
public final class Smb2SessionSetupHandler implements Smb2Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Smb2SessionSetupHandler.class);

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Connection conn = ctx.connection();
        Dialect dialect = conn.dialect();
        if (!conn.negotiated() || dialect == null) {
            throw SmbProtocolException.invalid("SESSION_SETUP before NEGOTIATE");
        }
        Smb2SessionSetupRequest req = Smb2SessionSetupRequest.decode(msg);
        if ((req.flags() & Smb2SessionSetupRequest.FLAG_BINDING) != 0) {
            throw new SmbProtocolException(NtStatus.STATUS_REQUEST_NOT_ACCEPTED, "multichannel binding");
        }
        long sessionId = ctx.header().sessionId();
        Session session;
        boolean fresh = sessionId == 0;
        if (fresh) {
            session = new Session(ctx.server().newSessionId(), conn.preauthHash());
            conn.addSession(session);
        } else {
            session = conn.session(sessionId);
            if (session == null || session.state() == SessionState.EXPIRED) {
                throw new SmbProtocolException(NtStatus.STATUS_USER_SESSION_DELETED, "no session " + sessionId);
            }
        }
        Authenticator auth = session.authenticator();
        if (auth == null) {
            auth = newAuthenticator(ctx);
            session.startAuthentication(auth);
        }
        ctx.setSession(session);
        boolean preauth = dialect == Dialect.SMB_3_1_1;
        if (preauth) {
            session.setPreauthHash(Preauth.extend(session.preauthHash(), msg));
        }
        AuthStep step = auth.step(req.securityBuffer());
        return switch (step) {
            case AuthStep.Continue c -> {
                if (preauth) {
                    ctx.onEncoded(r -> session.setPreauthHash(Preauth.extend(session.preauthHash(), r)));
                }
                yield new Reply(NtStatus.STATUS_MORE_PROCESSING_REQUIRED, new Smb2SessionSetupResponse(0, c.token()));
            }
            case AuthStep.Failure f -> {
                LOG.info("logon from {} failed: {}", conn.client(), f.reason());
                // A failed reauthentication ends the session too: credentials that no longer
                // verify must not leave an authenticated session behind (its opens are closed).
                for (Open o : conn.opens()) {
                    if (session.trees().contains(o.tree())) {
                        Smb2CloseHandler.closeOpen(ctx.server(), conn, o);
                    }
                }
                session.expire();
                conn.removeSession(session.id());
                ctx.setSession(null);
                yield Reply.error(f.status());
            }
            case AuthStep.Success s -> success(ctx, conn, dialect, session, req, s);
        };
    }

    private static Reply success(
            RequestContext ctx,
            Connection conn,
            Dialect dialect,
            Session session,
            Smb2SessionSetupRequest req,
            AuthStep.Success s) {
        AuthenticatedIdentity who = s.identity();
        AuthContext authContext =
                switch (who.kind()) {
                    case USER ->
                        new AuthContext(
                                ctx.server().runtime().identities().principalOf(Objects.requireNonNull(who.user())),
                                Protocol.SMB2,
                                AuthFlavor.NTLM,
                                conn.client());
                    case GUEST, ANONYMOUS ->
                        new AuthContext(
                                new Principal(Principal.NOBODY, Principal.NOBODY, new int[0], who.name()),
                                Protocol.SMB2,
                                AuthFlavor.NONE,
                                conn.client());
                };
        SessionKeys keys = null;
        if (s.sessionKey().length > 0) {
            Cipher cipher = conn.cipher() == null ? Cipher.AES_128_CCM : conn.cipher();
            keys = SessionKeys.derive(dialect, s.sessionKey(), session.preauthHash(), cipher);
        }
        SmbSettings settings = ctx.server().settings();
        boolean signing =
                settings.signingRequired() || (req.securityMode() & Smb2NegotiateResponse.SIGNING_REQUIRED) != 0;
        boolean encrypt =
                settings.encryption() == EncryptionMode.REQUIRED && who.kind() == AuthenticatedIdentity.Kind.USER;
        if (encrypt && (conn.cipher() == null || keys == null)) {
            conn.removeSession(session.id());
            ctx.setSession(null);
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "encryption required, client cannot encrypt");
        }
        session.establish(who, authContext, keys, signing, encrypt);
        int flags =
                switch (who.kind()) {
                    case USER -> encrypt ? Smb2SessionSetupResponse.ENCRYPT_DATA : 0;
                    case GUEST -> Smb2SessionSetupResponse.IS_GUEST;
                    case ANONYMOUS -> Smb2SessionSetupResponse.IS_NULL;
                };
        ctx.forceSign(keys != null);
        LOG.debug("session 0x{} for {} from {}", Long.toHexString(session.id()), who.name(), conn.client());
        return Reply.ok(new Smb2SessionSetupResponse(flags, s.token()));
    }

    private static Authenticator newAuthenticator(RequestContext ctx) {
        SmbSettings s = ctx.server().settings();
        return new SpnegoAuthenticator(new NtlmAuthenticator(
                ctx.server().runtime().identities(), ctx.server().guestPolicy(), s.netbiosName(), s.domainName()));
    }
}
