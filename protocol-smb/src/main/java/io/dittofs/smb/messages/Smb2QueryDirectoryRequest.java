package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 QUERY_DIRECTORY Request (MS-SMB2 section 2.2.33).
 *
 * @param infoClass FileInformationClass
 * @param flags SMB2_RESTART_SCANS, SMB2_RETURN_SINGLE_ENTRY, SMB2_INDEX_SPECIFIED, SMB2_REOPEN
 * @param fileIndex FileIndex
 * @param fileId the directory handle
 * @param pattern the search pattern (may contain * and ?)
 * @param outputBufferLength the most bytes of entries the client accepts
 */
public record Smb2QueryDirectoryRequest(
        int infoClass, int flags, long fileIndex, FileId fileId, String pattern, long outputBufferLength) {
    public static final int RESTART_SCANS = 0x01;
    public static final int RETURN_SINGLE_ENTRY = 0x02;
    public static final int INDEX_SPECIFIED = 0x04;
    public static final int REOPEN = 0x10;

    public static Smb2QueryDirectoryRequest decode(ByteBuf msg) {
        Wire.structure(msg, 33); // StructureSize (2 bytes)
        int infoClass = msg.getUnsignedByte(66); // FileInformationClass (1 byte)
        int flags = msg.getUnsignedByte(67); // Flags (1 byte)
        long index = msg.getUnsignedIntLE(68); // FileIndex (4 bytes)
        FileId fileId = FileId.decode(msg, 72); // FileId (16 bytes)
        int nameOffset = msg.getUnsignedShortLE(88); // FileNameOffset (2 bytes)
        int nameLength = msg.getUnsignedShortLE(90); // FileNameLength (2 bytes)
        long outputLength = msg.getUnsignedIntLE(92); // OutputBufferLength (4 bytes)
        String pattern = Wire.utf16(msg, nameOffset, nameLength); // Buffer (variable)
        return new Smb2QueryDirectoryRequest(infoClass, flags, index, fileId, pattern, outputLength);
    }
}
