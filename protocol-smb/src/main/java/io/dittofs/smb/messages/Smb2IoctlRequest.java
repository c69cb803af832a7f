package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 IOCTL Request (MS-SMB2 section 2.2.31).
 *
 * @param ctlCode CtlCode: the FSCTL or IOCTL
 * @param fileId the handle (all ones for FSCTLs on no file)
 * @param input the input buffer
 * @param maxOutputResponse MaxOutputResponse
 * @param flags SMB2_0_IOCTL_IS_FSCTL (0x1)
 */
public record Smb2IoctlRequest(int ctlCode, FileId fileId, byte[] input, long maxOutputResponse, int flags) {
    public static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;
    public static final int FSCTL_DFS_GET_REFERRALS = 0x00060194;
    public static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;
    public static final int IS_FSCTL = 0x00000001;

    public Smb2IoctlRequest {
        input = input.clone();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    public static Smb2IoctlRequest decode(ByteBuf msg) {
        Wire.structure(msg, 57); // StructureSize (2 bytes)
        // Reserved (2 bytes)
        int ctlCode = msg.getIntLE(68); // CtlCode (4 bytes)
        FileId fileId = FileId.decode(msg, 72); // FileId (16 bytes)
        long inputOffset = msg.getUnsignedIntLE(88); // InputOffset (4 bytes)
        long inputCount = msg.getUnsignedIntLE(92); // InputCount (4 bytes)
        // MaxInputResponse (4 bytes), OutputOffset (4 bytes), OutputCount (4 bytes)
        long maxOutput = msg.getUnsignedIntLE(108); // MaxOutputResponse (4 bytes)
        int flags = msg.getIntLE(112); // Flags (4 bytes)
        // Reserved2 (4 bytes)
        byte[] input = Wire.bytes(msg, inputOffset, inputCount); // Buffer (variable)
        return new Smb2IoctlRequest(ctlCode, fileId, input, maxOutput, flags);
    }
}
