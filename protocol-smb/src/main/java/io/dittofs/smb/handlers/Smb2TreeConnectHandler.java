package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.share.Share;
import io.dittofs.smb.EncryptionMode;
import io.dittofs.smb.messages.Smb2TreeConnectRequest;
import io.dittofs.smb.messages.Smb2TreeConnectResponse;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Session;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.server.TreeConnect;
import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.Optional;

/**
 * SMB2 TREE_CONNECT (MS-SMB2 section 3.3.5.7): resolves {@code \\server\share} by name (ignoring
 * case, as Windows does) in the runtime's share registry, or IPC$. Guest and anonymous sessions
 * reach only shares with guest access, as the share's anonymous ids.
 */
public final class Smb2TreeConnectHandler implements Smb2Handler {
    /** FILE_ALL_ACCESS and FILE_GENERIC_READ | FILE_GENERIC_EXECUTE (MS-SMB2 2.2.13.1). */
    static final int ALL_ACCESS = 0x001F01FF;

    static final int READ_ACCESS = 0x001200A9;

    /** SMB2_SHAREFLAG_ENCRYPT_DATA (MS-SMB2 2.2.10). */
    static final int SHAREFLAG_ENCRYPT_DATA = 0x00008000;

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2TreeConnectRequest req = Smb2TreeConnectRequest.decode(msg);
        Session session = ctx.requireSession();
        String path = req.path();
        int slash = path.lastIndexOf('\\');
        String name = slash < 0 ? path : path.substring(slash + 1);
        if (!path.startsWith("\\\\") || name.isEmpty() || slash < 3) {
            throw new SmbProtocolException(NtStatus.STATUS_BAD_NETWORK_NAME, "bad share path '" + path + "'");
        }
        if (ctx.connection().dialect() == Dialect.SMB_3_1_1
                && session.keys() != null
                && !session.isGuestOrAnonymous()
                && !ctx.header().isSigned()
                && !ctx.encrypted()) {
            // 3.1.1: a TREE_CONNECT proves the keys (and so the pre-authentication hash) match (3.3.5.7).
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "unsigned 3.1.1 TREE_CONNECT");
        }
        AuthContext auth = Objects.requireNonNull(session.authContext());
        if (name.equalsIgnoreCase("IPC$")) {
            TreeConnect t = session.addTree(id -> new TreeConnect(id, null, auth));
            ctx.setTree(t);
            return Reply.ok(new Smb2TreeConnectResponse(Smb2TreeConnectResponse.TYPE_PIPE, 0, 0, ALL_ACCESS));
        }
        Share share = find(ctx, name)
                .filter(s -> s.options().protocols().contains(Protocol.SMB2))
                .orElseThrow(
                        () -> new SmbProtocolException(NtStatus.STATUS_BAD_NETWORK_NAME, "no share '" + name + "'"));
        AuthContext treeAuth = auth;
        if (session.isGuestOrAnonymous()) {
            if (!share.options().guestAccess()) {
                throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "share '" + name + "' refuses guests");
            }
            treeAuth = auth.withPrincipal(
                    new Principal(share.options().anonUid(), share.options().anonGid(), new int[0], null));
        }
        AuthContext admitted = share.admit(treeAuth);
        boolean encrypt = encrypts(ctx, session, share.name());
        boolean required = ctx.server().settings().shareEncryption(share.name()) == EncryptionMode.REQUIRED;
        TreeConnect t = session.addTree(id -> new TreeConnect(id, share, admitted, encrypt && required));
        ctx.setTree(t);
        int access = share.options().readOnly() ? READ_ACCESS : ALL_ACCESS;
        int capabilities = DurableHandles.continuouslyAvailable(ctx, share.name())
                ? Smb2TreeConnectResponse.CAP_CONTINUOUS_AVAILABILITY
                : 0;
        return Reply.ok(new Smb2TreeConnectResponse(
                Smb2TreeConnectResponse.TYPE_DISK, encrypt ? SHAREFLAG_ENCRYPT_DATA : 0, capabilities, access));
    }

    /**
     * Whether the tree is encrypted (MS-SMB2 3.3.5.7): a share that desires or requires encryption
     * is, when the session can encrypt (3.x, a cipher, a user session); a share that requires it
     * refuses a session that cannot.
     */
    private static boolean encrypts(RequestContext ctx, Session session, String share) {
        EncryptionMode mode = ctx.server().settings().shareEncryption(share);
        if (mode == EncryptionMode.OFF) {
            return false;
        }
        boolean can = ctx.connection().cipher() != null && session.keys() != null && !session.isGuestOrAnonymous();
        if (!can && mode == EncryptionMode.REQUIRED) {
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "share '" + share + "' requires encryption");
        }
        return can;
    }

    private static Optional<Share> find(RequestContext ctx, String name) {
        Optional<Share> exact = ctx.server().runtime().shares().byName(name);
        if (exact.isPresent()) {
            return exact;
        }
        return ctx.server().runtime().shares().all().stream()
                .filter(s -> s.name().equalsIgnoreCase(name))
                .findFirst();
    }
}
