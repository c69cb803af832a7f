package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/** SMB2 WRITE Response (MS-SMB2 section 2.2.22). @param count bytes written */
public record Smb2WriteResponse(int count) implements Smb2Response {
    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(17); // StructureSize (2 bytes)
        out.writeShortLE(0); // Reserved (2 bytes)
        out.writeIntLE(count); // Count (4 bytes)
        out.writeIntLE(0); // Remaining (4 bytes)
        out.writeShortLE(0); // WriteChannelInfoOffset (2 bytes)
        out.writeShortLE(0); // WriteChannelInfoLength (2 bytes)
    }
}
