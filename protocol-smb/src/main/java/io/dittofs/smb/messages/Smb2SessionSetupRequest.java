package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 SESSION_SETUP Request (MS-SMB2 section 2.2.5).
 *
 * @param flags Flags: SMB2_SESSION_FLAG_BINDING (0x01)
 * @param securityMode SecurityMode: signing enabled / required
 * @param capabilities Capabilities
 * @param previousSessionId PreviousSessionId
 * @param securityBuffer the GSS token
 */
public record Smb2SessionSetupRequest(
        int flags, int securityMode, int capabilities, long previousSessionId, byte[] securityBuffer) {
    public static final int FLAG_BINDING = 0x01;

    public Smb2SessionSetupRequest {
        securityBuffer = securityBuffer.clone();
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    public static Smb2SessionSetupRequest decode(ByteBuf msg) {
        Wire.structure(msg, 25); // StructureSize (2 bytes)
        int flags = msg.getUnsignedByte(66); // Flags (1 byte)
        int securityMode = msg.getUnsignedByte(67); // SecurityMode (1 byte)
        int capabilities = msg.getIntLE(68); // Capabilities (4 bytes)
        // Channel (4 bytes)
        int offset = msg.getUnsignedShortLE(76); // SecurityBufferOffset (2 bytes)
        int length = msg.getUnsignedShortLE(78); // SecurityBufferLength (2 bytes)
        long previous = msg.getLongLE(80); // PreviousSessionId (8 bytes)
        byte[] token = Wire.bytes(msg, offset, length); // Buffer (variable)
        return new Smb2SessionSetupRequest(flags, securityMode, capabilities, previous, token);
    }
}
