package io.dittofs.smb.info;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.smb.wire.Wire;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The directory information classes of QUERY_DIRECTORY (MS-FSCC section 2.4): each entry starts
 * 8-byte aligned and its NextEntryOffset points at the next one (0 for the last).
 */
public final class DirectoryInfo {
    public static final int FILE_DIRECTORY_INFORMATION = 1; // 2.4.10
    public static final int FILE_FULL_DIRECTORY_INFORMATION = 2; // 2.4.14
    public static final int FILE_BOTH_DIRECTORY_INFORMATION = 3; // 2.4.8
    public static final int FILE_NAMES_INFORMATION = 12; // 2.4.28
    public static final int FILE_ID_BOTH_DIRECTORY_INFORMATION = 37; // 2.4.17
    public static final int FILE_ID_FULL_DIRECTORY_INFORMATION = 38; // 2.4.18

    private DirectoryInfo() {}

    /** The size of the fixed part of an entry of {@code infoClass}, or -1 for a class we do not serve. */
    public static int fixedSize(int infoClass) {
        return switch (infoClass) {
            case FILE_DIRECTORY_INFORMATION -> 64;
            case FILE_FULL_DIRECTORY_INFORMATION -> 68;
            case FILE_BOTH_DIRECTORY_INFORMATION -> 94;
            case FILE_NAMES_INFORMATION -> 12;
            case FILE_ID_BOTH_DIRECTORY_INFORMATION -> 104;
            case FILE_ID_FULL_DIRECTORY_INFORMATION -> 80;
            default -> -1;
        };
    }

    /** The bytes an entry takes, unpadded. */
    public static int size(int infoClass, String name) {
        return fixedSize(infoClass) + Wire.utf16(name).length;
    }

    /**
     * Writes one entry at the buffer's position with NextEntryOffset 0 (the caller links entries).
     *
     * @param fileIndex FileIndex (0: not meaningful, as on NTFS)
     */
    public static void encode(ByteBuffer out, int infoClass, String name, Attributes a, @Nullable Long fileIndex) {
        ByteBuffer b = out.order(ByteOrder.LITTLE_ENDIAN);
        byte[] n = Wire.utf16(name);
        b.putInt(0); // NextEntryOffset (4 bytes)
        b.putInt(fileIndex == null ? 0 : fileIndex.intValue()); // FileIndex (4 bytes)
        if (infoClass == FILE_NAMES_INFORMATION) {
            b.putInt(n.length); // FileNameLength (4 bytes)
            b.put(n); // FileName (variable)
            return;
        }
        b.putLong(SmbAttributes.creationTime(a)); // CreationTime (8 bytes)
        b.putLong(SmbAttributes.lastAccessTime(a)); // LastAccessTime (8 bytes)
        b.putLong(SmbAttributes.lastWriteTime(a)); // LastWriteTime (8 bytes)
        b.putLong(SmbAttributes.changeTime(a)); // ChangeTime (8 bytes)
        b.putLong(SmbAttributes.endOfFile(a)); // EndOfFile (8 bytes)
        b.putLong(SmbAttributes.allocationSize(a)); // AllocationSize (8 bytes)
        b.putInt(SmbAttributes.fileAttributes(a)); // FileAttributes (4 bytes)
        b.putInt(n.length); // FileNameLength (4 bytes)
        if (infoClass != FILE_DIRECTORY_INFORMATION) {
            b.putInt(0); // EaSize (4 bytes)
        }
        switch (infoClass) {
            case FILE_BOTH_DIRECTORY_INFORMATION, FILE_ID_BOTH_DIRECTORY_INFORMATION -> {
                b.put((byte) 0); // ShortNameLength (1 byte): no 8.3 names
                b.put((byte) 0); // Reserved1 (1 byte)
                b.put(new byte[24]); // ShortName (24 bytes)
                if (infoClass == FILE_ID_BOTH_DIRECTORY_INFORMATION) {
                    b.putShort((short) 0); // Reserved2 (2 bytes)
                    b.putLong(a.fileId()); // FileId (8 bytes)
                }
            }
            case FILE_ID_FULL_DIRECTORY_INFORMATION -> {
                b.putInt(0); // Reserved (4 bytes)
                b.putLong(a.fileId()); // FileId (8 bytes)
            }
            default -> {
                // FILE_DIRECTORY_INFORMATION and FILE_FULL_DIRECTORY_INFORMATION end with the name
            }
        }
        b.put(n); // FileName (variable)
    }
}
