package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * SMB2 CLOSE Response (MS-SMB2 section 2.2.16).
 *
 * @param info the file's attributes after close when POSTQUERY_ATTRIB was asked, else {@code null}
 */
public record Smb2CloseResponse(@Nullable NetworkOpenInfo info) implements Smb2Response {
    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(60); // StructureSize (2 bytes)
        out.writeShortLE(info == null ? 0 : Smb2CloseRequest.POSTQUERY_ATTRIB); // Flags (2 bytes)
        out.writeIntLE(0); // Reserved (4 bytes)
        if (info == null) {
            out.writeZero(52); // the six times and sizes and FileAttributes, all zero
            return;
        }
        out.writeLongLE(info.creationTime()); // CreationTime (8 bytes)
        out.writeLongLE(info.lastAccessTime()); // LastAccessTime (8 bytes)
        out.writeLongLE(info.lastWriteTime()); // LastWriteTime (8 bytes)
        out.writeLongLE(info.changeTime()); // ChangeTime (8 bytes)
        out.writeLongLE(info.allocationSize()); // AllocationSize (8 bytes)
        out.writeLongLE(info.endOfFile()); // EndofFile (8 bytes)
        out.writeIntLE(info.fileAttributes()); // FileAttributes (4 bytes)
    }
}
