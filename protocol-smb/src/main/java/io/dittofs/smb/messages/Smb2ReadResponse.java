package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/** SMB2 READ Response (MS-SMB2 section 2.2.20). @param data the bytes read (position to limit) */
public record Smb2ReadResponse(ByteBuffer data) implements Smb2Response {
    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(17); // StructureSize (2 bytes)
        out.writeByte(Smb2Header.SIZE + 16); // DataOffset (1 byte)
        out.writeByte(0); // Reserved (1 byte)
        out.writeIntLE(data.remaining()); // DataLength (4 bytes)
        out.writeIntLE(0); // DataRemaining (4 bytes)
        out.writeIntLE(0); // Reserved2 (4 bytes)
        out.writeBytes(data.duplicate()); // Buffer (variable)
    }
}
