package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/** SMB2 LOGOFF Response (MS-SMB2 section 2.2.8): StructureSize 4 and two reserved bytes. */
public record Smb2LogoffResponse() implements Smb2Response {
    public static final Smb2LogoffResponse INSTANCE = new Smb2LogoffResponse();

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(4); // StructureSize (2 bytes)
        out.writeShortLE(0); // Reserved (2 bytes)
    }
}
