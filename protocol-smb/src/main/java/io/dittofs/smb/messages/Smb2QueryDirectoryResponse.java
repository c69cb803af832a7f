package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/** SMB2 QUERY_DIRECTORY Response (MS-SMB2 section 2.2.34). @param entries the encoded entries */
public record Smb2QueryDirectoryResponse(byte[] entries) implements Smb2Response {
    public Smb2QueryDirectoryResponse {
        entries = entries.clone();
    }

    @Override
    public byte[] entries() {
        return entries.clone();
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(9); // StructureSize (2 bytes)
        out.writeShortLE(Smb2Header.SIZE + 8); // OutputBufferOffset (2 bytes)
        out.writeIntLE(entries.length); // OutputBufferLength (4 bytes)
        out.writeBytes(entries); // Buffer (variable)
    }
}
