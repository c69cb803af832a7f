package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Smb2Header;
import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SMB2 NEGOTIATE Response (MS-SMB2 section 2.2.4).
 *
 * @param securityMode SecurityMode
 * @param dialectRevision the chosen dialect (or 0x02FF)
 * @param serverGuid ServerGuid (16 bytes)
 * @param capabilities SMB2_GLOBAL_CAP_* bits
 * @param maxTransactSize MaxTransactSize
 * @param maxReadSize MaxReadSize
 * @param maxWriteSize MaxWriteSize
 * @param systemTime SystemTime, a FILETIME
 * @param serverStartTime ServerStartTime, a FILETIME (0)
 * @param securityBuffer the GSS token (a SPNEGO NegTokenInit)
 * @param contexts negotiate contexts (3.1.1 only)
 */
public record Smb2NegotiateResponse(
        int securityMode,
        int dialectRevision,
        byte[] serverGuid,
        int capabilities,
        int maxTransactSize,
        int maxReadSize,
        int maxWriteSize,
        long systemTime,
        long serverStartTime,
        byte[] securityBuffer,
        List<NegotiateContext> contexts)
        implements Smb2Response {
    public static final int SIGNING_ENABLED = 0x0001;
    public static final int SIGNING_REQUIRED = 0x0002;

    public static final int CAP_DFS = 0x00000001;
    public static final int CAP_LEASING = 0x00000002;
    public static final int CAP_LARGE_MTU = 0x00000004;
    public static final int CAP_MULTI_CHANNEL = 0x00000008;
    public static final int CAP_PERSISTENT_HANDLES = 0x00000010;
    public static final int CAP_DIRECTORY_LEASING = 0x00000020;
    public static final int CAP_ENCRYPTION = 0x00000040;

    public Smb2NegotiateResponse {
        serverGuid = serverGuid.clone();
        securityBuffer = securityBuffer.clone();
        contexts = List.copyOf(contexts);
    }

    @Override
    public byte[] serverGuid() {
        return serverGuid.clone();
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        int bufferOffset = Smb2Header.SIZE + 64;
        out.writeShortLE(65); // StructureSize (2 bytes)
        out.writeShortLE(securityMode); // SecurityMode (2 bytes)
        out.writeShortLE(dialectRevision); // DialectRevision (2 bytes)
        out.writeShortLE(contexts.size()); // NegotiateContextCount (2 bytes), Reserved before 3.1.1
        out.writeBytes(serverGuid); // ServerGuid (16 bytes)
        out.writeIntLE(capabilities); // Capabilities (4 bytes)
        out.writeIntLE(maxTransactSize); // MaxTransactSize (4 bytes)
        out.writeIntLE(maxReadSize); // MaxReadSize (4 bytes)
        out.writeIntLE(maxWriteSize); // MaxWriteSize (4 bytes)
        out.writeLongLE(systemTime); // SystemTime (8 bytes)
        out.writeLongLE(serverStartTime); // ServerStartTime (8 bytes)
        out.writeShortLE(securityBuffer.length == 0 ? 0 : bufferOffset); // SecurityBufferOffset (2 bytes)
        out.writeShortLE(securityBuffer.length); // SecurityBufferLength (2 bytes)
        int contextOffsetAt = out.writerIndex();
        out.writeIntLE(0); // NegotiateContextOffset (4 bytes), set below
        out.writeBytes(securityBuffer); // Buffer (variable)
        if (contexts.isEmpty()) {
            return;
        }
        Wire.pad(out, headerStart, 8);
        out.setIntLE(contextOffsetAt, out.writerIndex() - headerStart);
        for (int i = 0; i < contexts.size(); i++) {
            if (i > 0) {
                Wire.pad(out, headerStart, 8);
            }
            contexts.get(i).encode(out);
        }
    }
}
