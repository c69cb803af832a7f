package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 QUERY_INFO Request (MS-SMB2 section 2.2.37).
 *
 * @param infoType SMB2_0_INFO_FILE (1), _FILESYSTEM (2), _SECURITY (3), _QUOTA (4)
 * @param infoClass FileInfoClass
 * @param outputBufferLength the most bytes the client accepts
 * @param additionalInformation AdditionalInformation (security information bits)
 * @param fileId the handle
 */
public record Smb2QueryInfoRequest(
        int infoType, int infoClass, long outputBufferLength, int additionalInformation, FileId fileId) {
    public static final int INFO_FILE = 1;
    public static final int INFO_FILESYSTEM = 2;
    public static final int INFO_SECURITY = 3;
    public static final int INFO_QUOTA = 4;

    public static Smb2QueryInfoRequest decode(ByteBuf msg) {
        Wire.structure(msg, 41); // StructureSize (2 bytes)
        int type = msg.getUnsignedByte(66); // InfoType (1 byte)
        int infoClass = msg.getUnsignedByte(67); // FileInfoClass (1 byte)
        long outputLength = msg.getUnsignedIntLE(68); // OutputBufferLength (4 bytes)
        int inputOffset = msg.getUnsignedShortLE(72); // InputBufferOffset (2 bytes)
        // Reserved (2 bytes)
        long inputLength = msg.getUnsignedIntLE(76); // InputBufferLength (4 bytes)
        int additional = msg.getIntLE(80); // AdditionalInformation (4 bytes)
        // Flags (4 bytes)
        FileId fileId = FileId.decode(msg, 88); // FileId (16 bytes)
        if (inputLength > 0) {
            Wire.need(msg, inputOffset, inputLength); // Buffer (variable): validated, unused
        }
        return new Smb2QueryInfoRequest(type, infoClass, outputLength, additional, fileId);
    }
}
