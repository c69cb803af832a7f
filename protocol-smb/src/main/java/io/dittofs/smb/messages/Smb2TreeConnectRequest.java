package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 TREE_CONNECT Request (MS-SMB2 section 2.2.9).
 *
 * @param flags Flags (3.1.1): CLUSTER_RECONNECT, REDIRECT_TO_OWNER, EXTENSION_PRESENT
 * @param path the share path, {@code \\server\share}
 */
public record Smb2TreeConnectRequest(int flags, String path) {
    public static final int FLAG_EXTENSION_PRESENT = 0x0004;

    public static Smb2TreeConnectRequest decode(ByteBuf msg) {
        Wire.structure(msg, 9); // StructureSize (2 bytes)
        int flags = msg.getUnsignedShortLE(66); // Flags / Reserved (2 bytes)
        int offset = msg.getUnsignedShortLE(68); // PathOffset (2 bytes)
        int length = msg.getUnsignedShortLE(70); // PathLength (2 bytes)
        if ((flags & FLAG_EXTENSION_PRESENT) != 0) {
            // SMB2_TREE_CONNECT_REQUEST_EXTENSION (2.2.9.1): PathOffset is relative to it.
            Wire.need(msg, 72, 16);
            long extStart = 72;
            offset = (int) (extStart + msg.getUnsignedShortLE(72 + 8)); // PathOffset of the extension
        }
        return new Smb2TreeConnectRequest(flags, Wire.utf16(msg, offset, length)); // Buffer (variable)
    }
}
