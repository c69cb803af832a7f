package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 CHANGE_NOTIFY Request (MS-SMB2 section 2.2.35).
 *
 * @param flags SMB2_WATCH_TREE (0x0001)
 * @param outputBufferLength the most the response may carry
 * @param fileId the directory watched
 * @param completionFilter FILE_NOTIFY_CHANGE_* bits
 */
public record Smb2ChangeNotifyRequest(int flags, long outputBufferLength, FileId fileId, int completionFilter) {
    public static final int WATCH_TREE = 0x0001;

    public static Smb2ChangeNotifyRequest decode(ByteBuf msg) {
        Wire.structure(msg, 32); // StructureSize (2 bytes)
        int flags = msg.getUnsignedShortLE(66); // Flags (2 bytes)
        long length = msg.getUnsignedIntLE(68); // OutputBufferLength (4 bytes)
        FileId id = FileId.decode(msg, 72); // FileId (16 bytes)
        int filter = msg.getIntLE(88); // CompletionFilter (4 bytes); Reserved (4 bytes)
        return new Smb2ChangeNotifyRequest(flags, length, id, filter);
    }
}
