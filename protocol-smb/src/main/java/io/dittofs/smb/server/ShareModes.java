package io.dittofs.smb.server;

import io.dittofs.runtime.open.OpenMode;

/**
 * SMB's DesiredAccess and ShareAccess as the runtime open table's {@link OpenMode} (MS-FSA
 * 2.1.5.1.2): the data and delete rights an open asks for become its access, the sharing it does
 * not allow becomes its deny. An open asking for none of FILE_READ_DATA, FILE_WRITE_DATA,
 * FILE_APPEND_DATA, FILE_EXECUTE or DELETE (attributes only) takes part in no sharing check, so
 * it is {@code OpenMode(0, 0)}.
 */
public final class ShareModes {
    // Access mask bits, MS-SMB2 2.2.13.1.1.
    static final int FILE_READ_DATA = 0x00000001;
    static final int FILE_WRITE_DATA = 0x00000002;
    static final int FILE_APPEND_DATA = 0x00000004;
    static final int FILE_EXECUTE = 0x00000020;
    public static final int DELETE = 0x00010000;
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    public static final int GENERIC_ALL = 0x10000000;
    static final int GENERIC_EXECUTE = 0x20000000;
    static final int GENERIC_WRITE = 0x40000000;
    static final int GENERIC_READ = 0x80000000;

    // ShareAccess bits, MS-SMB2 2.2.13.
    static final int FILE_SHARE_READ = 0x1;
    static final int FILE_SHARE_WRITE = 0x2;
    static final int FILE_SHARE_DELETE = 0x4;

    private static final int ALL = OpenMode.READ | OpenMode.WRITE | OpenMode.DELETE;

    private ShareModes() {}

    /**
     * The open mode of a CREATE. MAXIMUM_ALLOWED counts as every right the share gives (what
     * MS-SMB2 3.3.5.9 grants it), so only writes on a read-only share are left out.
     */
    public static OpenMode of(int desiredAccess, int shareAccess, boolean readOnlyShare) {
        int access = 0;
        if ((desiredAccess & (FILE_READ_DATA | FILE_EXECUTE | GENERIC_READ | GENERIC_EXECUTE)) != 0) {
            access |= OpenMode.READ;
        }
        if ((desiredAccess & (FILE_WRITE_DATA | FILE_APPEND_DATA | GENERIC_WRITE)) != 0) {
            access |= OpenMode.WRITE;
        }
        if ((desiredAccess & DELETE) != 0) {
            access |= OpenMode.DELETE;
        }
        if ((desiredAccess & (GENERIC_ALL | MAXIMUM_ALLOWED)) != 0) {
            access = readOnlyShare ? access | OpenMode.READ : ALL;
        }
        if (access == 0) {
            return new OpenMode(0, 0);
        }
        int shared = 0;
        if ((shareAccess & FILE_SHARE_READ) != 0) {
            shared |= OpenMode.READ;
        }
        if ((shareAccess & FILE_SHARE_WRITE) != 0) {
            shared |= OpenMode.WRITE;
        }
        if ((shareAccess & FILE_SHARE_DELETE) != 0) {
            shared |= OpenMode.DELETE;
        }
        return new OpenMode(access, ALL & ~shared);
    }
}
