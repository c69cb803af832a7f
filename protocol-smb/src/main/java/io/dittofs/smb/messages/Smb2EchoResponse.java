package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/** SMB2 ECHO Response (MS-SMB2 section 2.2.29): StructureSize 4 and two reserved bytes. */
public record Smb2EchoResponse() implements Smb2Response {
    public static final Smb2EchoResponse INSTANCE = new Smb2EchoResponse();

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(4); // StructureSize (2 bytes)
        out.writeShortLE(0); // Reserved (2 bytes)
    }
}
