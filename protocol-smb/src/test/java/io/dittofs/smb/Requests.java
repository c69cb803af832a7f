package io.dittofs.smb;

import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Fluent builders of SMB2 request messages for tests, laid out field by field as MS-SMB2 2.2 says. */
public final class Requests {
    private Requests() {}

    public static ByteBuf header(Smb2Command command, long messageId, long sessionId, int treeId) {
        ByteBuf b = Unpooled.buffer();
        new Smb2Header(1, 0, command.code(), 31, 0, 0, messageId, 0, treeId, sessionId, new byte[16]).encode(b);
        return b;
    }

    /** SMB2 NEGOTIATE Request (2.2.3) offering {@code dialects}, with a 3.1.1 preauth context when 0x0311 is offered. */
    public static ByteBuf negotiate(long messageId, int... dialects) {
        return negotiateWithCapabilities(messageId, 0x4, dialects);
    }

    /** The ClientGuid of every test client that does not choose one. */
    public static final byte[] CLIENT_GUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    /** As {@link #negotiate} with these Capabilities (0x40: ENCRYPTION, for a 3.0 cipher). */
    public static ByteBuf negotiateWithCapabilities(long messageId, int capabilities, int... dialects) {
        return negotiateAs(messageId, CLIENT_GUID, capabilities, dialects);
    }

    /** As {@link #negotiateWithCapabilities} for client {@code clientGuid}. */
    public static ByteBuf negotiateAs(long messageId, byte[] clientGuid, int capabilities, int... dialects) {
        ByteBuf b = header(Smb2Command.NEGOTIATE, messageId, 0, 0);
        boolean v311 = false;
        for (int d : dialects) {
            v311 |= d == 0x0311;
        }
        b.writeShortLE(36); // StructureSize
        b.writeShortLE(dialects.length); // DialectCount
        b.writeShortLE(1); // SecurityMode: signing enabled
        b.writeShortLE(0); // Reserved
        b.writeIntLE(capabilities); // Capabilities
        b.writeBytes(clientGuid); // ClientGuid
        int contextOffsetAt = b.writerIndex();
        b.writeIntLE(0); // NegotiateContextOffset
        b.writeShortLE(v311 ? 1 : 0); // NegotiateContextCount
        b.writeShortLE(0); // Reserved2
        for (int d : dialects) {
            b.writeShortLE(d); // Dialects
        }
        if (v311) {
            while (b.writerIndex() % 8 != 0) {
                b.writeByte(0);
            }
            b.setIntLE(contextOffsetAt, b.writerIndex());
            b.writeShortLE(1); // ContextType: PREAUTH_INTEGRITY_CAPABILITIES
            b.writeShortLE(38); // DataLength
            b.writeIntLE(0); // Reserved
            b.writeShortLE(1); // HashAlgorithmCount
            b.writeShortLE(32); // SaltLength
            b.writeShortLE(1); // SHA-512
            b.writeZero(32); // Salt
        }
        return b;
    }

    /** A body of {@code structureSize} zero bytes after the StructureSize field, for commands without fields that matter. */
    public static ByteBuf simple(
            Smb2Command command, long messageId, long sessionId, int treeId, int structureSize, int bodyBytes) {
        ByteBuf b = header(command, messageId, sessionId, treeId);
        b.writeShortLE(structureSize);
        b.writeZero(Math.max(0, bodyBytes - 2));
        return b;
    }
}
