package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 SET_INFO Request (MS-SMB2 section 2.2.39).
 *
 * @param infoType SMB2_0_INFO_FILE, _FILESYSTEM, _SECURITY, _QUOTA
 * @param infoClass FileInfoClass
 * @param additionalInformation AdditionalInformation
 * @param fileId the handle
 * @param buffer the information to set
 */
public record Smb2SetInfoRequest(int infoType, int infoClass, int additionalInformation, FileId fileId, byte[] buffer) {
    public Smb2SetInfoRequest {
        buffer = buffer.clone();
    }

    @Override
    public byte[] buffer() {
        return buffer.clone();
    }

    public static Smb2SetInfoRequest decode(ByteBuf msg) {
        Wire.structure(msg, 33); // StructureSize (2 bytes)
        int type = msg.getUnsignedByte(66); // InfoType (1 byte)
        int infoClass = msg.getUnsignedByte(67); // FileInfoClass (1 byte)
        long length = msg.getUnsignedIntLE(68); // BufferLength (4 bytes)
        int offset = msg.getUnsignedShortLE(72); // BufferOffset (2 bytes)
        // Reserved (2 bytes)
        int additional = msg.getIntLE(76); // AdditionalInformation (4 bytes)
        FileId fileId = FileId.decode(msg, 80); // FileId (16 bytes)
        byte[] buffer = Wire.bytes(msg, offset, length); // Buffer (variable)
        return new Smb2SetInfoRequest(type, infoClass, additional, fileId, buffer);
    }
}
