package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 IOCTL Response (MS-SMB2 section 2.2.32).
 *
 * @param ctlCode CtlCode, echoed
 * @param fileId FileId, echoed
 * @param output the output buffer
 */
public record Smb2IoctlResponse(int ctlCode, FileId fileId, byte[] output) implements Smb2Response {
    public Smb2IoctlResponse {
        output = output.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        int bufferOffset = Smb2Header.SIZE + 48;
        out.writeShortLE(49); // StructureSize (2 bytes)
        out.writeShortLE(0); // Reserved (2 bytes)
        out.writeIntLE(ctlCode); // CtlCode (4 bytes)
        fileId.encode(out); // FileId (16 bytes)
        out.writeIntLE(bufferOffset); // InputOffset (4 bytes)
        out.writeIntLE(0); // InputCount (4 bytes)
        out.writeIntLE(output.length == 0 ? 0 : bufferOffset); // OutputOffset (4 bytes)
        out.writeIntLE(output.length); // OutputCount (4 bytes)
        out.writeIntLE(0); // Flags (4 bytes)
        out.writeIntLE(0); // Reserved2 (4 bytes)
        out.writeBytes(output); // Buffer (variable)
    }
}
