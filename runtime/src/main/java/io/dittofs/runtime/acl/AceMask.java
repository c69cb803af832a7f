package io.dittofs.runtime.acl;

/**
 * Access mask bits, with the values of RFC 8881 section 6.2.1.3 (acemask4). Most share their
 * values with Windows' file access rights (MS-DTYP 2.4.3, FILE_READ_DATA ... SYNCHRONIZE).
 */
public final class AceMask {
    public static final int READ_DATA = 0x00000001;
    public static final int LIST_DIRECTORY = 0x00000001;
    public static final int WRITE_DATA = 0x00000002;
    public static final int ADD_FILE = 0x00000002;
    public static final int APPEND_DATA = 0x00000004;
    public static final int ADD_SUBDIRECTORY = 0x00000004;
    public static final int READ_NAMED_ATTRS = 0x00000008;
    public static final int WRITE_NAMED_ATTRS = 0x00000010;
    public static final int EXECUTE = 0x00000020;
    public static final int DELETE_CHILD = 0x00000040;
    public static final int READ_ATTRIBUTES = 0x00000080;
    public static final int WRITE_ATTRIBUTES = 0x00000100;
    public static final int WRITE_RETENTION = 0x00000200;
    public static final int WRITE_RETENTION_HOLD = 0x00000400;
    public static final int DELETE = 0x00010000;
    public static final int READ_ACL = 0x00020000;
    public static final int WRITE_ACL = 0x00040000;
    public static final int WRITE_OWNER = 0x00080000;
    public static final int SYNCHRONIZE = 0x00100000;

    /** Every bit defined above: what a mask is reduced to when stored. */
    public static final int ALL = 0x001F07FF;

    private AceMask() {}
}
