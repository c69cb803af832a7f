package io.dittofs.smb.server;

import io.dittofs.smb.encryption.MessageCipher;
import io.dittofs.smb.messages.Smb2Response;
import io.dittofs.smb.signing.SessionKeys;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Unsolicited messages from the server (oplock and lease break notifications, MS-SMB2 3.3.4.6 and
 * 3.3.4.7): MessageId 0xFFFFFFFFFFFFFFFF, no credits, SessionId and TreeId 0, never signed
 * (clients do not verify a message with that MessageId, 3.2.5.1.3), and encrypted with the
 * session's key when the session encrypts or the break concerns a tree that requires encryption
 * (a client of an encrypted share drops what arrives in the clear).
 */
public final class Notifications {
    private static final long UNSOLICITED = -1L;

    private Notifications() {}

    public static void send(
            Connection conn, @Nullable Session session, boolean treeEncrypts, Smb2Command command, Smb2Response body) {
        ByteBuf b = conn.alloc().buffer();
        new Smb2Header(0, 0, command.code(), 0, Smb2Header.FLAG_SERVER_TO_REDIR, 0, UNSOLICITED, 0, 0, 0, new byte[16])
                .encode(b);
        body.encode(b, 0);
        MessageCipher cipher = conn.messageCipher();
        SessionKeys keys = session == null ? null : session.keys();
        if (session != null && (session.encryptData() || treeEncrypts) && cipher != null && keys != null) {
            try {
                conn.send(cipher.encrypt(keys.encryptionKey(), session.id(), b, conn.alloc()));
            } finally {
                b.release();
            }
            return;
        }
        conn.send(b);
    }
}
