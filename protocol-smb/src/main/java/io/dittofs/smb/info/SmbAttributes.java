package io.dittofs.smb.info;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.smb.messages.NetworkOpenInfo;
import io.dittofs.smb.wire.FileTime;

/** The runtime's attributes as SMB sees them: FILE_ATTRIBUTE_* bits (MS-FSCC 2.6) and FILETIMEs. */
public final class SmbAttributes {
    public static final int READONLY = 0x00000001;
    public static final int HIDDEN = 0x00000002;
    public static final int SYSTEM = 0x00000004;
    public static final int DIRECTORY = 0x00000010;
    public static final int ARCHIVE = 0x00000020;
    public static final int NORMAL = 0x00000080;

    /** The bits a client may set; DIRECTORY and NORMAL are derived, never stored. */
    public static final int SETTABLE = READONLY | HIDDEN | SYSTEM | ARCHIVE | 0x00000100 /* TEMPORARY */;

    private SmbAttributes() {}

    /** FileAttributes: the stored DOS bits, DIRECTORY for directories, NORMAL when nothing else is set. */
    public static int fileAttributes(Attributes a) {
        int bits = a.dosAttributes() & ~(DIRECTORY | NORMAL);
        if (a.isDirectory()) {
            bits |= DIRECTORY;
        }
        return bits == 0 ? NORMAL : bits;
    }

    public static long creationTime(Attributes a) {
        return FileTime.fromUnixNanos(a.birthtime());
    }

    public static long lastAccessTime(Attributes a) {
        return FileTime.fromUnixNanos(a.atime());
    }

    public static long lastWriteTime(Attributes a) {
        return FileTime.fromUnixNanos(a.mtime());
    }

    public static long changeTime(Attributes a) {
        return FileTime.fromUnixNanos(a.ctime());
    }

    /** AllocationSize: the bytes the content occupies (0 for directories). */
    public static long allocationSize(Attributes a) {
        return a.isDirectory() ? 0 : Math.max(a.usedBytes(), (a.size() + 4095) & ~4095L);
    }

    public static long endOfFile(Attributes a) {
        return a.isDirectory() ? 0 : a.size();
    }

    public static NetworkOpenInfo networkOpen(Attributes a) {
        return new NetworkOpenInfo(
                creationTime(a),
                lastAccessTime(a),
                lastWriteTime(a),
                changeTime(a),
                allocationSize(a),
                endOfFile(a),
                fileAttributes(a));
    }
}
