package io.dittofs.smb.info;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.smb.wire.Wire;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The file information classes of QUERY_INFO with InfoType SMB2_0_INFO_FILE (MS-FSCC section
 * 2.4), encoded from the runtime's attributes and the open's state.
 */
public final class FileInfo {
    public static final int BASIC = 4; // 2.4.7
    public static final int STANDARD = 5; // 2.4.47
    public static final int INTERNAL = 6; // 2.4.26
    public static final int EA = 7; // 2.4.13
    public static final int ACCESS = 8; // 2.4.1
    public static final int NAME = 9; // 2.4.30
    public static final int RENAME = 10; // 2.4.42.2
    public static final int LINK = 11; // 2.4.27.2
    public static final int DISPOSITION = 13; // 2.4.11
    public static final int POSITION = 14; // 2.4.40
    public static final int MODE = 16; // 2.4.31
    public static final int ALIGNMENT = 17; // 2.4.3
    public static final int ALL = 18; // 2.4.2
    public static final int ALLOCATION = 19; // 2.4.4
    public static final int END_OF_FILE = 20; // 2.4.14
    public static final int STREAM = 22; // 2.4.48
    public static final int NETWORK_OPEN = 34; // 2.4.34
    public static final int ATTRIBUTE_TAG = 35; // 2.4.6
    public static final int NORMALIZED_NAME = 48; // 2.4.30
    public static final int DISPOSITION_EX = 64; // 2.4.12

    /**
     * What QUERY_INFO reports beyond the attributes.
     *
     * @param deletePending whether the file is marked for deletion
     * @param accessFlags the open's granted access
     * @param position the open's CurrentByteOffset
     * @param path the file's path from the share root, with a leading backslash
     */
    public record OpenState(boolean deletePending, int accessFlags, long position, String path) {}

    private FileInfo() {}

    /** The encoded class, or {@code null} for a class this server does not serve. */
    public static byte @org.jspecify.annotations.Nullable [] encode(int infoClass, Attributes a, OpenState s) {
        return switch (infoClass) {
            case BASIC -> basic(le(40), a).array();
            case STANDARD -> standard(le(24), a, s).array();
            case INTERNAL -> le(8).putLong(a.fileId()).array(); // IndexNumber (8 bytes)
            case EA -> le(4).putInt(0).array(); // EaSize (4 bytes)
            case ACCESS -> le(4).putInt(s.accessFlags).array(); // AccessFlags (4 bytes)
            case POSITION -> le(8).putLong(s.position).array(); // CurrentByteOffset (8 bytes)
            case MODE -> le(4).putInt(0).array(); // Mode (4 bytes)
            case ALIGNMENT -> le(4).putInt(0).array(); // AlignmentRequirement (4 bytes): byte aligned
            case NAME, NORMALIZED_NAME -> name(s.path);
            case ALL -> all(a, s);
            case NETWORK_OPEN -> networkOpen(a);
            case ATTRIBUTE_TAG ->
                le(8).putInt(SmbAttributes.fileAttributes(a)).putInt(0).array(); // FileAttributes, ReparseTag
            case STREAM -> stream(a);
            default -> null;
        };
    }

    private static ByteBuffer basic(ByteBuffer b, Attributes a) {
        b.putLong(SmbAttributes.creationTime(a)); // CreationTime (8 bytes)
        b.putLong(SmbAttributes.lastAccessTime(a)); // LastAccessTime (8 bytes)
        b.putLong(SmbAttributes.lastWriteTime(a)); // LastWriteTime (8 bytes)
        b.putLong(SmbAttributes.changeTime(a)); // ChangeTime (8 bytes)
        b.putInt(SmbAttributes.fileAttributes(a)); // FileAttributes (4 bytes)
        b.putInt(0); // Reserved (4 bytes)
        return b;
    }

    private static ByteBuffer standard(ByteBuffer b, Attributes a, OpenState s) {
        b.putLong(SmbAttributes.allocationSize(a)); // AllocationSize (8 bytes)
        b.putLong(SmbAttributes.endOfFile(a)); // EndOfFile (8 bytes)
        b.putInt(a.nlink()); // NumberOfLinks (4 bytes)
        b.put((byte) (s.deletePending ? 1 : 0)); // DeletePending (1 byte)
        b.put((byte) (a.isDirectory() ? 1 : 0)); // Directory (1 byte)
        b.putShort((short) 0); // Reserved (2 bytes)
        return b;
    }

    private static byte[] name(String path) {
        byte[] n = Wire.utf16(path);
        return le(4 + n.length).putInt(n.length).put(n).array(); // FileNameLength (4 bytes), FileName
    }

    private static byte[] all(Attributes a, OpenState s) {
        byte[] n = Wire.utf16(s.path);
        ByteBuffer b = le(100 + n.length);
        basic(b, a); // BasicInformation (40 bytes)
        standard(b, a, s); // StandardInformation (24 bytes)
        b.putLong(a.fileId()); // InternalInformation (8 bytes)
        b.putInt(0); // EaInformation (4 bytes)
        b.putInt(s.accessFlags); // AccessInformation (4 bytes)
        b.putLong(s.position); // PositionInformation (8 bytes)
        b.putInt(0); // ModeInformation (4 bytes)
        b.putInt(0); // AlignmentInformation (4 bytes)
        b.putInt(n.length).put(n); // NameInformation (variable)
        return b.array();
    }

    private static byte[] networkOpen(Attributes a) {
        ByteBuffer b = le(56);
        b.putLong(SmbAttributes.creationTime(a)); // CreationTime (8 bytes)
        b.putLong(SmbAttributes.lastAccessTime(a)); // LastAccessTime (8 bytes)
        b.putLong(SmbAttributes.lastWriteTime(a)); // LastWriteTime (8 bytes)
        b.putLong(SmbAttributes.changeTime(a)); // ChangeTime (8 bytes)
        b.putLong(SmbAttributes.allocationSize(a)); // AllocationSize (8 bytes)
        b.putLong(SmbAttributes.endOfFile(a)); // EndOfFile (8 bytes)
        b.putInt(SmbAttributes.fileAttributes(a)); // FileAttributes (4 bytes)
        b.putInt(0); // Reserved (4 bytes)
        return b.array();
    }

    /** One "::$DATA" stream for files, none for directories. */
    private static byte[] stream(Attributes a) {
        if (a.isDirectory()) {
            return new byte[0];
        }
        byte[] n = Wire.utf16("::$DATA");
        ByteBuffer b = le(24 + n.length);
        b.putInt(0); // NextEntryOffset (4 bytes)
        b.putInt(n.length); // StreamNameLength (4 bytes)
        b.putLong(SmbAttributes.endOfFile(a)); // StreamSize (8 bytes)
        b.putLong(SmbAttributes.allocationSize(a)); // StreamAllocationSize (8 bytes)
        b.put(n); // StreamName (variable)
        return b.array();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
