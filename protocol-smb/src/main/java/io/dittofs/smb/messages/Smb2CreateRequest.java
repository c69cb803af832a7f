package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SMB2 CREATE Request (MS-SMB2 section 2.2.13).
 *
 * @param requestedOplockLevel RequestedOplockLevel
 * @param desiredAccess DesiredAccess (an access mask, MS-SMB2 2.2.13.1)
 * @param fileAttributes FileAttributes for a new file
 * @param shareAccess FILE_SHARE_READ / WRITE / DELETE
 * @param createDisposition FILE_SUPERSEDE .. FILE_OVERWRITE_IF
 * @param createOptions FILE_DIRECTORY_FILE, FILE_NON_DIRECTORY_FILE, FILE_DELETE_ON_CLOSE, ...
 * @param name the path relative to the share root, with backslashes
 * @param contexts the create contexts
 */
public record Smb2CreateRequest(
        int requestedOplockLevel,
        int desiredAccess,
        int fileAttributes,
        int shareAccess,
        int createDisposition,
        int createOptions,
        String name,
        List<CreateContext> contexts) {
    public static final int FILE_SUPERSEDE = 0;
    public static final int FILE_OPEN = 1;
    public static final int FILE_CREATE = 2;
    public static final int FILE_OPEN_IF = 3;
    public static final int FILE_OVERWRITE = 4;
    public static final int FILE_OVERWRITE_IF = 5;

    public static final int FILE_DIRECTORY_FILE = 0x00000001;
    public static final int FILE_WRITE_THROUGH = 0x00000002;
    public static final int FILE_NON_DIRECTORY_FILE = 0x00000040;
    public static final int FILE_DELETE_ON_CLOSE = 0x00001000;

    public Smb2CreateRequest {
        contexts = List.copyOf(contexts);
    }

    public static Smb2CreateRequest decode(ByteBuf msg) {
        Wire.structure(msg, 57); // StructureSize (2 bytes)
        // SecurityFlags (1 byte)
        int oplock = msg.getUnsignedByte(67); // RequestedOplockLevel (1 byte)
        // ImpersonationLevel (4 bytes), SmbCreateFlags (8 bytes), Reserved (8 bytes)
        int access = msg.getIntLE(88); // DesiredAccess (4 bytes)
        int attributes = msg.getIntLE(92); // FileAttributes (4 bytes)
        int share = msg.getIntLE(96); // ShareAccess (4 bytes)
        int disposition = msg.getIntLE(100); // CreateDisposition (4 bytes)
        int options = msg.getIntLE(104); // CreateOptions (4 bytes)
        int nameOffset = msg.getUnsignedShortLE(108); // NameOffset (2 bytes)
        int nameLength = msg.getUnsignedShortLE(110); // NameLength (2 bytes)
        long contextsOffset = msg.getUnsignedIntLE(112); // CreateContextsOffset (4 bytes)
        long contextsLength = msg.getUnsignedIntLE(116); // CreateContextsLength (4 bytes)
        String name = Wire.utf16(msg, nameOffset, nameLength); // Buffer (variable)
        List<CreateContext> contexts = CreateContext.decodeList(msg, contextsOffset, contextsLength);
        return new Smb2CreateRequest(oplock, access, attributes, share, disposition, options, name, contexts);
    }
}
