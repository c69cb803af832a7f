package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 CLOSE Request (MS-SMB2 section 2.2.15).
 *
 * @param flags SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB (0x0001)
 * @param fileId the handle to close
 */
public record Smb2CloseRequest(int flags, FileId fileId) {
    public static final int POSTQUERY_ATTRIB = 0x0001;

    public static Smb2CloseRequest decode(ByteBuf msg) {
        Wire.structure(msg, 24); // StructureSize (2 bytes)
        int flags = msg.getUnsignedShortLE(66); // Flags (2 bytes)
        // Reserved (4 bytes)
        return new Smb2CloseRequest(flags, FileId.decode(msg, 72)); // FileId (16 bytes)
    }
}
