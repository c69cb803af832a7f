package io.dittofs.smb.handlers;

import io.dittofs.smb.EncryptionMode;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.auth.spnego.SpnegoTokens;
import io.dittofs.smb.messages.NegotiateContext;
import io.dittofs.smb.messages.Smb2NegotiateRequest;
import io.dittofs.smb.messages.Smb2NegotiateResponse;
import io.dittofs.smb.server.Connection;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.server.SmbServer;
import io.dittofs.smb.signing.Cipher;
import io.dittofs.smb.signing.SigningAlgorithm;
import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.FileTime;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMB2 NEGOTIATE (MS-SMB2 section 3.3.5.4): picks the highest common dialect, the signing
 * algorithm (3.1.1 signing capabilities) and starts the pre-authentication integrity hash
 * (SHA-512 over the request, then the response). Encryption is not offered yet: a 3.1.1 client's
 * encryption context is answered with cipher 0 ("none in common").
 */
public final class Smb2NegotiateHandler implements Smb2Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Smb2NegotiateHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SHA_512 = 0x0001;

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Connection conn = ctx.connection();
        if (conn.negotiated()) {
            conn.close(); // a second NEGOTIATE on a connection (3.3.5.4)
            throw SmbProtocolException.invalid("second NEGOTIATE");
        }
        Smb2NegotiateRequest req = Smb2NegotiateRequest.decode(msg);
        Dialect dialect = null;
        for (Dialect d : Dialect.values()) {
            if (req.dialects().contains(d.revision())) {
                dialect = d;
            }
        }
        Connection.ClientNegotiate client = new Connection.ClientNegotiate(
                req.securityMode(), req.capabilities(), req.clientGuid(), req.dialects());
        if (dialect == null) {
            if (req.dialects().contains(Dialect.WILDCARD)) {
                conn.wildcardNegotiated();
                return Reply.ok(response(ctx.server(), Dialect.WILDCARD, List.of(), false));
            }
            throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, "no common dialect in " + req.dialects());
        }
        List<NegotiateContext> contexts = new ArrayList<>();
        boolean encrypt = ctx.server().settings().encryption() != EncryptionMode.OFF;
        Choice choice = new Choice(
                dialect.isSmb3() ? SigningAlgorithm.AES_CMAC : SigningAlgorithm.HMAC_SHA256,
                // 3.0 and 3.0.2: AES-128-CCM when the client's capabilities say it can encrypt.
                encrypt && dialect.isSmb3() && (req.capabilities() & Smb2NegotiateResponse.CAP_ENCRYPTION) != 0
                        ? Cipher.AES_128_CCM
                        : null);
        if (dialect == Dialect.SMB_3_1_1) {
            choice = negotiateContexts(req.contexts(), contexts, encrypt);
            conn.setPreauthHash(Preauth.extend(new byte[64], msg));
            ctx.onEncoded(response -> conn.setPreauthHash(Preauth.extend(conn.preauthHash(), response)));
        }
        boolean capEncryption = dialect != Dialect.SMB_3_1_1 && choice.cipher() != null;
        Smb2NegotiateResponse response = response(ctx.server(), dialect.revision(), contexts, capEncryption);
        conn.negotiate(
                dialect, client, response.securityMode(), response.capabilities(), choice.signing(), choice.cipher());
        LOG.debug("{} negotiated {}, signing {}, cipher {}", conn.client(), dialect, choice.signing(), choice.cipher());
        return Reply.ok(response);
    }

    /** The algorithms negotiated: signing, and the cipher or {@code null} for none. */
    private record Choice(
            SigningAlgorithm signing, @Nullable Cipher cipher) {}

    private static Choice negotiateContexts(List<NegotiateContext> in, List<NegotiateContext> out, boolean encrypt) {
        boolean preauth = false;
        SigningAlgorithm signing = SigningAlgorithm.AES_CMAC;
        Cipher cipher = null;
        for (NegotiateContext c : in) {
            ByteBuffer d = ByteBuffer.wrap(c.data()).order(ByteOrder.LITTLE_ENDIAN);
            switch (c.type()) {
                case NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES -> {
                    if (ids(d, true).contains(SHA_512)) {
                        preauth = true;
                    }
                }
                case NegotiateContext.ENCRYPTION_CAPABILITIES -> {
                    // The client's most preferred cipher (all four are served); 0: none in common.
                    for (int id : ids(d, false)) {
                        if (cipher == null && encrypt) {
                            cipher = Cipher.of(id);
                        }
                    }
                    out.add(new NegotiateContext(
                            c.type(),
                            le(4).putShort((short) 1)
                                    .putShort((short) (cipher == null ? 0 : cipher.id()))
                                    .array()));
                }
                case NegotiateContext.SIGNING_CAPABILITIES -> {
                    List<Integer> offered = ids(d, false);
                    signing = offered.contains(SigningAlgorithm.AES_GMAC.id())
                            ? SigningAlgorithm.AES_GMAC
                            : offered.contains(SigningAlgorithm.AES_CMAC.id())
                                    ? SigningAlgorithm.AES_CMAC
                                    : SigningAlgorithm.HMAC_SHA256;
                    out.add(new NegotiateContext(
                            c.type(),
                            le(4).putShort((short) 1)
                                    .putShort((short) signing.id())
                                    .array()));
                }
                default -> {
                    // compression, netname, transport, RDMA: not offered, so not answered
                }
            }
        }
        if (!preauth) {
            throw SmbProtocolException.invalid("3.1.1 NEGOTIATE without SHA-512 pre-authentication integrity");
        }
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        out.addFirst(new NegotiateContext(
                NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES,
                le(6 + salt.length)
                        .putShort((short) 1)
                        .putShort((short) salt.length)
                        .putShort((short) SHA_512)
                        .put(salt)
                        .array()));
        return new Choice(signing, cipher);
    }

    /** A count-prefixed list of 16-bit ids (hash algorithms after a SaltLength, ciphers, signing algorithms). */
    private static List<Integer> ids(ByteBuffer d, boolean withSaltLength) {
        if (d.remaining() < 2) {
            throw SmbProtocolException.invalid("short negotiate context");
        }
        int count = d.getShort() & 0xFFFF;
        if (withSaltLength) {
            if (d.remaining() < 2) {
                throw SmbProtocolException.invalid("short negotiate context");
            }
            d.getShort(); // SaltLength (2 bytes)
        }
        if (d.remaining() < 2 * count) {
            throw SmbProtocolException.invalid("negotiate context shorter than its count");
        }
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(d.getShort() & 0xFFFF);
        }
        return ids;
    }

    static Smb2NegotiateResponse response(
            SmbServer server, int revision, List<NegotiateContext> contexts, boolean capEncryption) {
        SmbSettings s = server.settings();
        int securityMode = Smb2NegotiateResponse.SIGNING_ENABLED
                | (s.signingRequired() ? Smb2NegotiateResponse.SIGNING_REQUIRED : 0);
        boolean multiCredit = revision != Dialect.SMB_2_0_2.revision() && revision != Dialect.WILDCARD;
        // Leases exist from 2.1 on (MS-SMB2 3.3.5.4), the same dialects as multi-credit.
        int capabilities = (multiCredit ? Smb2NegotiateResponse.CAP_LARGE_MTU | Smb2NegotiateResponse.CAP_LEASING : 0)
                | (capEncryption ? Smb2NegotiateResponse.CAP_ENCRYPTION : 0)
                // Directory leases from 3.0 on (MS-SMB2 3.3.5.4).
                | (multiCredit && revision >= Dialect.SMB_3_0.revision()
                        ? Smb2NegotiateResponse.CAP_DIRECTORY_LEASING
                        : 0)
                // Persistent handles from 3.0 on, when a share is continuously available (3.3.5.4).
                | (multiCredit
                                && revision >= Dialect.SMB_3_0.revision()
                                && !s.continuouslyAvailable().isEmpty()
                        ? Smb2NegotiateResponse.CAP_PERSISTENT_HANDLES
                        : 0);
        int read = multiCredit ? server.maxReadSize() : 65536;
        int write = multiCredit ? server.maxWriteSize() : 65536;
        return new Smb2NegotiateResponse(
                securityMode,
                revision,
                server.serverGuid(),
                capabilities,
                multiCredit ? s.maxIoSize() : 65536,
                read,
                write,
                FileTime.now(),
                0,
                SpnegoTokens.serverInit(),
                contexts);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
