package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 SESSION_SETUP Response (MS-SMB2 section 2.2.6).
 *
 * @param sessionFlags SMB2_SESSION_FLAG_IS_GUEST / IS_NULL / ENCRYPT_DATA
 * @param securityBuffer the GSS token
 */
public record Smb2SessionSetupResponse(int sessionFlags, byte[] securityBuffer) implements Smb2Response {
    public static final int IS_GUEST = 0x0001;
    public static final int IS_NULL = 0x0002;
    public static final int ENCRYPT_DATA = 0x0004;

    public Smb2SessionSetupResponse {
        securityBuffer = securityBuffer.clone();
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(9); // StructureSize (2 bytes)
        out.writeShortLE(sessionFlags); // SessionFlags (2 bytes)
        out.writeShortLE(securityBuffer.length == 0 ? 0 : Smb2Header.SIZE + 8); // SecurityBufferOffset (2 bytes)
        out.writeShortLE(securityBuffer.length); // SecurityBufferLength (2 bytes)
        out.writeBytes(securityBuffer); // Buffer (variable)
    }
}
