package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/** SMB2 SET_INFO Response (MS-SMB2 section 2.2.40): StructureSize 2 alone. */
public record Smb2SetInfoResponse() implements Smb2Response {
    public static final Smb2SetInfoResponse INSTANCE = new Smb2SetInfoResponse();

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(2); // StructureSize (2 bytes)
    }
}
