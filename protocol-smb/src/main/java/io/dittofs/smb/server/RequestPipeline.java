package io.dittofs.smb.server;

import io.dittofs.runtime.error.FsException;
import io.dittofs.smb.encryption.MessageCipher;
import io.dittofs.smb.encryption.TransformHeader;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.messages.Smb2ErrorResponse;
import io.dittofs.smb.signing.MessageSigner;
import io.dittofs.smb.signing.SessionKeys;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.dittofs.smb.wire.SmbProtocolException;
import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves one frame of SMB2 requests (MS-SMB2 section 3.3.5.2): splits a compound into its
 * messages, and runs each through the stages, in order: header check, credits (3.3.5.2.3),
 * session and signature (3.3.5.2.4, 3.3.5.2.9), tree (3.3.5.2.11), the command's handler; then
 * encodes the responses into one compounded frame, pads and signs each, and sends it.
 *
 * <p>Faults are logged by who is to blame: a client's bad request at DEBUG (it gets a status), a
 * frame that cannot be parsed at WARN (the connection is closed), a handler's unexpected
 * exception at ERROR (the client gets STATUS_INTERNAL_ERROR).
 *
 * <p>Threading: stateless; runs on the virtual thread serving the frame.
 */
public final class RequestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

    private final SmbServer server;
    private final Smb1Negotiate smb1;

    public RequestPipeline(SmbServer server, Smb1Negotiate smb1) {
        this.server = server;
        this.smb1 = smb1;
    }

    /** A response written into the frame, and how to sign it once its padding is known. */
    private record Slot(int start, @Nullable SessionKeys keys) {}

    /** What related requests inherit from the one before (MS-SMB2 3.3.5.2.7.2). */
    private static final class Chain {
        long sessionId;
        int treeId;

        @Nullable
        FileId fileId;

        NtStatus status = NtStatus.STATUS_SUCCESS;
        /** The frame arrived encrypted: no signatures are checked or made, the AEAD covers it. */
        boolean encrypted;
    }

    /** Serves {@code frame} (not released here). */
    public void process(Connection conn, ByteBuf frame) {
        if (frame.readableBytes() < 4) {
            protocolError(conn, "frame of " + frame.readableBytes() + " bytes");
            return;
        }
        int protocolId = frame.getInt(frame.readerIndex());
        if (protocolId == Smb2Header.SMB1_PROTOCOL_ID) {
            smb1.process(conn, frame);
            return;
        }
        if (protocolId == Smb2Header.TRANSFORM_PROTOCOL_ID) {
            processEncrypted(conn, frame);
            return;
        }
        if (protocolId != Smb2Header.PROTOCOL_ID) {
            protocolError(conn, "protocol id 0x" + Integer.toHexString(protocolId));
            return;
        }
        ByteBuf out = conn.alloc().buffer();
        try {
            List<Slot> slots = new ArrayList<>();
            if (!processCompound(conn, frame.slice(), out, slots, false)) {
                return;
            }
            finish(conn, out, slots);
            if (!slots.isEmpty()) {
                conn.send(out.retain());
            }
        } finally {
            out.release();
        }
    }

    /**
     * The encryption stage (MS-SMB2 3.3.5.2.1.1): decrypts a transform frame with the session's
     * DecryptionKey, serves the plaintext compound, and encrypts the responses with its
     * EncryptionKey. Anything that does not decrypt closes the connection.
     */
    private void processEncrypted(Connection conn, ByteBuf frame) {
        MessageCipher cipher = conn.messageCipher();
        TransformHeader th;
        try {
            th = TransformHeader.decode(frame);
        } catch (SmbProtocolException e) {
            protocolError(conn, e.getMessage());
            return;
        }
        Session session = conn.session(th.sessionId());
        SessionKeys keys = session == null ? null : session.keys();
        if (cipher == null || session == null || keys == null || th.flags() != TransformHeader.ENCRYPTED) {
            protocolError(conn, "an encrypted frame that no session can decrypt");
            return;
        }
        ByteBuf plain = cipher.decrypt(keys.decryptionKey(), frame, conn.alloc());
        if (plain == null) {
            protocolError(conn, "decryption failed");
            return;
        }
        ByteBuf out = conn.alloc().buffer();
        try {
            List<Slot> slots = new ArrayList<>();
            if (!processCompound(conn, plain, out, slots, true)) {
                return;
            }
            finish(conn, out, slots);
            if (!slots.isEmpty()) {
                conn.send(cipher.encrypt(keys.encryptionKey(), session.id(), out, conn.alloc()));
            }
        } finally {
            plain.release();
            out.release();
        }
    }

    private boolean processCompound(Connection conn, ByteBuf frame, ByteBuf out, List<Slot> slots, boolean encrypted) {
        Chain chain = new Chain();
        chain.encrypted = encrypted;
        int at = 0;
        while (true) {
            int remaining = frame.writerIndex() - at;
            if (remaining < Smb2Header.SIZE || frame.getInt(at) != Smb2Header.PROTOCOL_ID) {
                protocolError(conn, "compound member at " + at + " is not an SMB2 message");
                return false;
            }
            long next = frame.getUnsignedIntLE(at + Smb2Header.NEXT_COMMAND_OFFSET);
            if (next != 0 && (next < Smb2Header.SIZE || next > remaining || (next & 7) != 0)) {
                protocolError(conn, "bad NextCommand " + next);
                return false;
            }
            int length = next == 0 ? remaining : (int) next;
            if (!processOne(conn, frame.slice(at, length), out, slots, chain, at == 0 && next == 0)) {
                return false;
            }
            if (next == 0) {
                return true;
            }
            at += length;
        }
    }

    private boolean processOne(
            Connection conn, ByteBuf msg, ByteBuf out, List<Slot> slots, Chain chain, boolean alone) {
        Smb2Header h;
        try {
            h = Smb2Header.decode(msg);
        } catch (SmbProtocolException e) {
            protocolError(conn, e.getMessage());
            return false;
        }
        if (h.isResponse()) {
            protocolError(conn, "a response sent to the server");
            return false;
        }
        Smb2Command cmd = Smb2Command.of(h.command());
        if (cmd == Smb2Command.CANCEL) {
            // MS-SMB2 3.3.5.16: no response and no credits; the named request ends STATUS_CANCELLED.
            conn.cancel(h.isAsync(), h.isAsync() ? h.asyncId() : h.messageId());
            return true;
        }
        int charge;
        try {
            charge = CreditCharge.of(conn, cmd, msg, h);
        } catch (SmbProtocolException e) {
            charge = Math.max(1, h.creditCharge());
            if (!conn.credits().consume(h.messageId(), charge)) {
                protocolError(conn, "message id " + h.messageId() + " outside the credit window");
                return false;
            }
            write(
                    conn,
                    h,
                    null,
                    Reply.error(e.status()),
                    out,
                    slots,
                    null,
                    conn.credits().grant(h.credits()),
                    chain);
            return true;
        }
        if (!conn.credits().consume(h.messageId(), charge)) {
            protocolError(conn, "message id " + h.messageId() + " (charge " + charge + ") outside the credit window");
            return false;
        }
        int granted = conn.credits().grant(h.credits());
        long started = System.nanoTime();
        RequestContext ctx = null;
        Reply reply;
        try (MDC.MDCCloseable c = MDC.putCloseable("smb.client", String.valueOf(conn.client()));
                MDC.MDCCloseable m = MDC.putCloseable("smb.mid", Long.toString(h.messageId()));
                MDC.MDCCloseable s = MDC.putCloseable("smb.session", Long.toHexString(h.sessionId()))) {
            ctx = resolve(conn, h, cmd, msg, chain);
            if (alone) {
                RequestContext c0 = ctx;
                boolean encrypted = chain.encrypted;
                ctx.allowAsync(onCancel -> {
                    long asyncId = conn.registerAsync(h.messageId(), onCancel);
                    sendInterim(conn, h, c0, granted, asyncId, encrypted);
                    return asyncId;
                });
            }
            reply = run(ctx, cmd, msg, chain);
        } catch (SmbProtocolException e) {
            LOG.debug("{} from {}: {} ({})", h, conn.client(), e.status(), e.getMessage());
            reply = Reply.error(e.status());
        } catch (FsException e) {
            LOG.debug("{} from {}: {}", h, conn.client(), e.toString());
            reply = Reply.error(FsErrors.status(e.code()));
        } catch (RuntimeException e) {
            LOG.error("{} from {} failed", h, conn.client(), e);
            reply = Reply.error(NtStatus.STATUS_INTERNAL_ERROR);
        }
        int outBefore = out.writerIndex();
        write(conn, h, ctx, reply, out, slots, ctx == null ? null : ctx.session(), granted, chain);
        server.runtime()
                .metrics()
                .request(
                        "smb2",
                        cmd == null ? "UNKNOWN" : cmd.name(),
                        System.nanoTime() - started,
                        !reply.status().isError(),
                        msg.writerIndex(),
                        Math.max(0, out.writerIndex() - outBefore));
        return true;
    }

    /** Session, signature and tree stages: the context the handler runs in. */
    private RequestContext resolve(Connection conn, Smb2Header h, @Nullable Smb2Command cmd, ByteBuf msg, Chain chain) {
        long sessionId = h.isRelated() ? chain.sessionId : h.sessionId();
        int treeId = h.isRelated() ? chain.treeId : h.treeId();
        Session session = conn.session(sessionId);
        Route route = cmd == null ? null : server.route(cmd);
        if (route != null && route.needsSession()) {
            if (!conn.negotiated()) {
                throw new SmbProtocolException(NtStatus.STATUS_INVALID_PARAMETER, "request before NEGOTIATE");
            }
            if (session == null || session.state() != SessionState.VALID) {
                throw new SmbProtocolException(NtStatus.STATUS_USER_SESSION_DELETED, "no valid session " + sessionId);
            }
        }
        if (session != null && session.state() == SessionState.VALID && !chain.encrypted) {
            if (session.encryptData() && route != null && route.needsSession()) {
                throw new SmbProtocolException(
                        NtStatus.STATUS_ACCESS_DENIED, "unencrypted request on an encrypted session");
            }
            verifySignature(conn, session, h, msg);
        }
        TreeConnect tree = null;
        if (route != null && route.needsTree()) {
            tree = session == null ? null : session.tree(treeId);
            if (tree == null) {
                throw new SmbProtocolException(NtStatus.STATUS_NETWORK_NAME_DELETED, "no tree " + treeId);
            }
            if (tree.encryptData() && !chain.encrypted) {
                // MS-SMB2 3.3.5.2.11: the share requires encryption and the request was not.
                throw new SmbProtocolException(
                        NtStatus.STATUS_ACCESS_DENIED, "unencrypted request on an encrypted share");
            }
        }
        return new RequestContext(server, conn, h, session, tree, h.isRelated() ? chain.fileId : null, chain.encrypted);
    }

    private static void verifySignature(Connection conn, Session session, Smb2Header h, ByteBuf msg) {
        SessionKeys keys = session.keys();
        if (keys == null || session.isGuestOrAnonymous()) {
            return;
        }
        if (h.isSigned()) {
            if (!MessageSigner.verify(conn.signingAlgorithm(), keys.signingKey(), msg, 0, msg.writerIndex())) {
                throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "bad signature");
            }
        } else if (session.signingRequired()) {
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "unsigned request on a signed session");
        }
    }

    private Reply run(RequestContext ctx, @Nullable Smb2Command cmd, ByteBuf msg, Chain chain) {
        if (ctx.header().isRelated() && chain.status.isError()) {
            return Reply.error(chain.status); // the previous related request failed (3.3.5.2.7.2)
        }
        Route route = cmd == null ? null : server.route(cmd);
        if (route == null) {
            return Reply.error(NtStatus.STATUS_NOT_SUPPORTED);
        }
        return route.handler().handle(ctx, msg);
    }

    private void write(
            Connection conn,
            Smb2Header h,
            @Nullable RequestContext ctx,
            Reply reply,
            ByteBuf out,
            List<Slot> slots,
            @Nullable Session session,
            int granted,
            Chain chain) {
        if (!slots.isEmpty()) {
            Wire.pad(out, 0, 8);
        }
        int start = out.writerIndex();
        TreeConnect tree = ctx == null ? null : ctx.tree();
        long asyncId = ctx == null ? 0 : ctx.asyncId();
        int flags = Smb2Header.FLAG_SERVER_TO_REDIR
                | (asyncId != 0 ? Smb2Header.FLAG_ASYNC_COMMAND : 0)
                | (h.flags() & (Smb2Header.FLAG_RELATED_OPERATIONS | Smb2Header.FLAG_PRIORITY_MASK));
        if (asyncId != 0) {
            conn.unregisterAsync(asyncId);
            granted = 0; // the interim response carried the credits
        }
        long sessionId = session != null ? session.id() : h.isRelated() ? chain.sessionId : h.sessionId();
        int treeId = tree != null ? tree.id() : h.isRelated() ? chain.treeId : h.treeId();
        new Smb2Header(
                        h.creditCharge(),
                        reply.status().value(),
                        h.command(),
                        granted,
                        flags,
                        0,
                        h.messageId(),
                        asyncId,
                        treeId,
                        sessionId,
                        new byte[16])
                .encode(out);
        reply.body().encode(out, start);
        if (ctx != null) {
            Consumer<ByteBuf> hook = ctx.onEncoded();
            if (hook != null) {
                hook.accept(out.slice(start, out.writerIndex() - start));
            }
        }
        SessionKeys keys = null;
        // An expired session still signs the LOGOFF response that expired it.
        if (session != null
                && !chain.encrypted
                && session.keys() != null
                && !session.isGuestOrAnonymous()
                && (h.isSigned() || session.signingRequired() || (ctx != null && ctx.forceSign()))) {
            keys = session.keys();
        }
        slots.add(new Slot(start, keys));
        chain.sessionId = sessionId;
        chain.treeId = treeId;
        if (ctx != null && ctx.resultFileId() != null) {
            chain.fileId = ctx.resultFileId();
        }
        chain.status = reply.status();
    }

    /**
     * The interim response of a request going async (MS-SMB2 3.3.4.2): STATUS_PENDING with the
     * AsyncId and the request's credits, an ERROR body, signed or encrypted as the final response
     * will be.
     */
    private static void sendInterim(
            Connection conn, Smb2Header h, RequestContext ctx, int granted, long asyncId, boolean encrypted) {
        Session session = ctx.session();
        ByteBuf b = conn.alloc().buffer();
        new Smb2Header(
                        h.creditCharge(),
                        NtStatus.STATUS_PENDING.value(),
                        h.command(),
                        granted,
                        Smb2Header.FLAG_SERVER_TO_REDIR | Smb2Header.FLAG_ASYNC_COMMAND,
                        0,
                        h.messageId(),
                        asyncId,
                        0,
                        session == null ? h.sessionId() : session.id(),
                        new byte[16])
                .encode(b);
        Smb2ErrorResponse.INSTANCE.encode(b, 0);
        SessionKeys keys = session == null ? null : session.keys();
        MessageCipher cipher = conn.messageCipher();
        if (encrypted && session != null && keys != null && cipher != null) {
            try {
                conn.send(cipher.encrypt(keys.encryptionKey(), session.id(), b, conn.alloc()));
            } finally {
                b.release();
            }
            return;
        }
        if (keys != null && !session.isGuestOrAnonymous() && (h.isSigned() || session.signingRequired())) {
            MessageSigner.sign(conn.signingAlgorithm(), keys.signingKey(), b, 0, b.writerIndex());
        }
        conn.send(b);
    }

    /** Sets each NextCommand and signs each response over itself and its padding. */
    private static void finish(Connection conn, ByteBuf out, List<Slot> slots) {
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            int end = i + 1 < slots.size() ? slots.get(i + 1).start() : out.writerIndex();
            if (i + 1 < slots.size()) {
                out.setIntLE(s.start() + Smb2Header.NEXT_COMMAND_OFFSET, end - s.start());
            }
            SessionKeys keys = s.keys();
            if (keys != null) {
                MessageSigner.sign(conn.signingAlgorithm(), keys.signingKey(), out, s.start(), end - s.start());
            }
        }
    }

    private static void protocolError(Connection conn, String why) {
        LOG.warn("closing connection from {}: {}", conn.client(), why);
        conn.close();
    }
}
