package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/** SMB2 FLUSH Response (MS-SMB2 section 2.2.18): StructureSize 4 and two reserved bytes. */
public record Smb2FlushResponse() implements Smb2Response {
    public static final Smb2FlushResponse INSTANCE = new Smb2FlushResponse();

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(4); // StructureSize (2 bytes)
        out.writeShortLE(0); // Reserved (2 bytes)
    }
}
