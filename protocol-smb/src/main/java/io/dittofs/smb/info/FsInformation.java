package io.dittofs.smb.info;

import io.dittofs.runtime.fs.FsInfo;
import io.dittofs.runtime.fs.FsStats;
import io.dittofs.smb.wire.Wire;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** The file-system information classes of QUERY_INFO with InfoType SMB2_0_INFO_FILESYSTEM (MS-FSCC 2.5). */
public final class FsInformation {
    public static final int VOLUME = 1; // 2.5.9
    public static final int SIZE = 3; // 2.5.8
    public static final int DEVICE = 4; // 2.5.10
    public static final int ATTRIBUTE = 5; // 2.5.1
    public static final int FULL_SIZE = 7; // 2.5.4
    public static final int OBJECT_ID = 8; // 2.5.6
    public static final int SECTOR_SIZE = 11; // 2.5.7

    /** FILE_CASE_SENSITIVE_SEARCH | FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | FILE_SUPPORTS_SPARSE_FILES (MS-FSCC 2.5.1). */
    private static final int FS_ATTRIBUTES = 0x00000001 | 0x00000002 | 0x00000004 | 0x00000040;

    private static final int SECTOR = 512;
    private static final int SECTORS_PER_UNIT = 8;
    private static final int UNIT = SECTOR * SECTORS_PER_UNIT;

    private FsInformation() {}

    /**
     * The encoded class, or {@code null} for a class not served. {@code stats} is called only by
     * the size classes (it costs a runtime call).
     */
    public static byte @org.jspecify.annotations.Nullable [] encode(
            int infoClass, FsInfo info, Supplier<FsStats> stats, int volumeSerial, long volumeCreated, String label) {
        return switch (infoClass) {
            case VOLUME -> {
                byte[] l = Wire.utf16(label);
                yield FileInfo.le(18 + l.length)
                        .putLong(volumeCreated) // VolumeCreationTime (8 bytes)
                        .putInt(volumeSerial) // VolumeSerialNumber (4 bytes)
                        .putInt(l.length) // VolumeLabelLength (4 bytes)
                        .put((byte) 0) // SupportsObjects (1 byte)
                        .put((byte) 0) // Reserved (1 byte)
                        .put(l) // VolumeLabel (variable)
                        .array();
            }
            case SIZE -> {
                FsStats s = stats.get();
                yield FileInfo.le(24)
                        .putLong(s.totalBytes() / UNIT) // TotalAllocationUnits (8 bytes)
                        .putLong(s.availableBytes() / UNIT) // AvailableAllocationUnits (8 bytes)
                        .putInt(SECTORS_PER_UNIT) // SectorsPerAllocationUnit (4 bytes)
                        .putInt(SECTOR) // BytesPerSector (4 bytes)
                        .array();
            }
            case FULL_SIZE -> {
                FsStats s = stats.get();
                yield FileInfo.le(32)
                        .putLong(s.totalBytes() / UNIT) // TotalAllocationUnits (8 bytes)
                        .putLong(s.availableBytes() / UNIT) // CallerAvailableAllocationUnits (8 bytes)
                        .putLong(s.freeBytes() / UNIT) // ActualAvailableAllocationUnits (8 bytes)
                        .putInt(SECTORS_PER_UNIT) // SectorsPerAllocationUnit (4 bytes)
                        .putInt(SECTOR) // BytesPerSector (4 bytes)
                        .array();
            }
            case DEVICE ->
                FileInfo.le(8)
                        .putInt(0x00000007) // DeviceType (4 bytes): FILE_DEVICE_DISK
                        .putInt(0) // Characteristics (4 bytes)
                        .array();
            case ATTRIBUTE -> {
                byte[] name = Wire.utf16("NTFS");
                yield FileInfo.le(12 + name.length)
                        .putInt(FS_ATTRIBUTES) // FileSystemAttributes (4 bytes)
                        .putInt(info.maxNameBytes()) // MaximumComponentNameLength (4 bytes)
                        .putInt(name.length) // FileSystemNameLength (4 bytes)
                        .put(name) // FileSystemName (variable)
                        .array();
            }
            case SECTOR_SIZE -> {
                ByteBuffer b = FileInfo.le(28);
                b.putInt(SECTOR).putInt(SECTOR).putInt(SECTOR).putInt(SECTOR); // the four sector sizes
                b.putInt(0x3); // Flags: ALIGNED_DEVICE | PARTITION_ALIGNED_ON_DEVICE
                b.putInt(0).putInt(0); // ByteOffsetForSectorAlignment, ByteOffsetForPartitionAlignment
                yield b.array();
            }
            case OBJECT_ID -> new byte[64];
            default -> null;
        };
    }
}
