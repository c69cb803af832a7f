package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/** SMB2 QUERY_INFO Response (MS-SMB2 section 2.2.38). @param output the encoded information */
public record Smb2QueryInfoResponse(byte[] output) implements Smb2Response {
    public Smb2QueryInfoResponse {
        output = output.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(9); // StructureSize (2 bytes)
        out.writeShortLE(Smb2Header.SIZE + 8); // OutputBufferOffset (2 bytes)
        out.writeIntLE(output.length); // OutputBufferLength (4 bytes)
        out.writeBytes(output); // Buffer (variable)
    }
}
