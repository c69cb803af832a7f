package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * SMB2 WRITE Request (MS-SMB2 section 2.2.21).
 *
 * @param offset Offset in the file
 * @param fileId the handle
 * @param flags SMB2_WRITEFLAG_WRITE_THROUGH (0x1), _WRITE_UNBUFFERED (0x2)
 * @param data a view of the data inside the request frame: valid only while the frame is
 */
public record Smb2WriteRequest(long offset, FileId fileId, int flags, ByteBuffer data) {
    public static final int WRITE_THROUGH = 0x00000001;

    public static Smb2WriteRequest decode(ByteBuf msg) {
        Wire.structure(msg, 49); // StructureSize (2 bytes)
        int dataOffset = msg.getUnsignedShortLE(66); // DataOffset (2 bytes)
        long length = msg.getUnsignedIntLE(68); // Length (4 bytes)
        long offset = msg.getLongLE(72); // Offset (8 bytes)
        FileId fileId = FileId.decode(msg, 80); // FileId (16 bytes)
        // Channel (4 bytes), RemainingBytes (4 bytes), WriteChannelInfoOffset (2 bytes),
        // WriteChannelInfoLength (2 bytes): RDMA only
        int flags = msg.getIntLE(108); // Flags (4 bytes)
        Wire.need(msg, dataOffset, length); // Buffer (variable)
        ByteBuffer data = length == 0 ? ByteBuffer.allocate(0) : msg.nioBuffer(dataOffset, (int) length);
        return new Smb2WriteRequest(offset, fileId, flags, data);
    }
}
