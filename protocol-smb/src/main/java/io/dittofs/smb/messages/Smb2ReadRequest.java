package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 READ Request (MS-SMB2 section 2.2.19).
 *
 * @param length Length: bytes to read (the handler clamps it to MaxReadSize)
 * @param offset Offset in the file
 * @param fileId the handle
 * @param minimumCount MinimumCount: fewer bytes than this is STATUS_END_OF_FILE
 */
public record Smb2ReadRequest(long length, long offset, FileId fileId, long minimumCount) {
    public static Smb2ReadRequest decode(ByteBuf msg) {
        Wire.structure(msg, 49); // StructureSize (2 bytes)
        // Padding (1 byte), Flags (1 byte)
        long length = msg.getUnsignedIntLE(68); // Length (4 bytes)
        long offset = msg.getLongLE(72); // Offset (8 bytes)
        FileId fileId = FileId.decode(msg, 80); // FileId (16 bytes)
        long minimum = msg.getUnsignedIntLE(96); // MinimumCount (4 bytes)
        // Channel (4 bytes), RemainingBytes (4 bytes), ReadChannelInfoOffset (2 bytes),
        // ReadChannelInfoLength (2 bytes), Buffer (variable): RDMA only, ignored over TCP
        return new Smb2ReadRequest(length, offset, fileId, minimum);
    }
}
