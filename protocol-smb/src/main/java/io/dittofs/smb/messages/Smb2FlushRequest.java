package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/** SMB2 FLUSH Request (MS-SMB2 section 2.2.17). @param fileId the handle to flush */
public record Smb2FlushRequest(FileId fileId) {
    public static Smb2FlushRequest decode(ByteBuf msg) {
        Wire.structure(msg, 24); // StructureSize (2 bytes)
        // Reserved1 (2 bytes), Reserved2 (4 bytes)
        return new Smb2FlushRequest(FileId.decode(msg, 72)); // FileId (16 bytes)
    }
}
