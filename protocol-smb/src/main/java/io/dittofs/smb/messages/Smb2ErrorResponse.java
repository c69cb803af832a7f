package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 ERROR Response (MS-SMB2 section 2.2.2), with no error contexts.
 *
 * @param errorData ErrorData (e.g. the needed size for STATUS_BUFFER_TOO_SMALL), usually empty
 */
public record Smb2ErrorResponse(byte[] errorData) implements Smb2Response {
    public static final Smb2ErrorResponse INSTANCE = new Smb2ErrorResponse(new byte[0]);

    public Smb2ErrorResponse {
        errorData = errorData.clone();
    }

    @Override
    public byte[] errorData() {
        return errorData.clone();
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(9); // StructureSize (2 bytes)
        out.writeByte(0); // ErrorContextCount (1 byte)
        out.writeByte(0); // Reserved (1 byte)
        out.writeIntLE(errorData.length); // ByteCount (4 bytes)
        if (errorData.length == 0) {
            out.writeByte(0); // ErrorData (1 byte): one zero byte when ByteCount is 0
        } else {
            out.writeBytes(errorData); // ErrorData (variable)
        }
    }
}
