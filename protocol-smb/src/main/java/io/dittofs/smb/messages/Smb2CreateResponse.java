package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SMB2 CREATE Response (MS-SMB2 section 2.2.14).
 *
 * @param oplockLevel OplockLevel granted
 * @param createAction FILE_SUPERSEDED (0), FILE_OPENED (1), FILE_CREATED (2), FILE_OVERWRITTEN (3)
 * @param info times, sizes and attributes of the opened file
 * @param fileId the new handle
 * @param contexts create contexts in reply
 */
public record Smb2CreateResponse(
        int oplockLevel, int createAction, NetworkOpenInfo info, FileId fileId, List<CreateContext> contexts)
        implements Smb2Response {
    public static final int FILE_SUPERSEDED = 0;
    public static final int FILE_OPENED = 1;
    public static final int FILE_CREATED = 2;
    public static final int FILE_OVERWRITTEN = 3;

    public Smb2CreateResponse {
        contexts = List.copyOf(contexts);
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(89); // StructureSize (2 bytes)
        out.writeByte(oplockLevel); // OplockLevel (1 byte)
        out.writeByte(0); // Flags (1 byte)
        out.writeIntLE(createAction); // CreateAction (4 bytes)
        out.writeLongLE(info.creationTime()); // CreationTime (8 bytes)
        out.writeLongLE(info.lastAccessTime()); // LastAccessTime (8 bytes)
        out.writeLongLE(info.lastWriteTime()); // LastWriteTime (8 bytes)
        out.writeLongLE(info.changeTime()); // ChangeTime (8 bytes)
        out.writeLongLE(info.allocationSize()); // AllocationSize (8 bytes)
        out.writeLongLE(info.endOfFile()); // EndofFile (8 bytes)
        out.writeIntLE(info.fileAttributes()); // FileAttributes (4 bytes)
        out.writeIntLE(0); // Reserved2 (4 bytes)
        fileId.encode(out); // FileId (16 bytes)
        int offsetAt = out.writerIndex();
        out.writeIntLE(0); // CreateContextsOffset (4 bytes), set below
        out.writeIntLE(0); // CreateContextsLength (4 bytes), set below
        if (contexts.isEmpty()) {
            return;
        }
        Wire.pad(out, headerStart, 8);
        int start = out.writerIndex();
        int length = CreateContext.encodeList(out, contexts); // Buffer (variable)
        out.setIntLE(offsetAt, start - headerStart);
        out.setIntLE(offsetAt + 4, length);
    }
}
