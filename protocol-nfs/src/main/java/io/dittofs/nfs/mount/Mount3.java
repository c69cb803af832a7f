package io.dittofs.nfs.mount;

/** Program, procedure and status numbers of MOUNT version 3 (RFC 1813 appendix I). */
public final class Mount3 {
    public static final int PROGRAM = 100005;
    public static final int VERSION = 3;

    public static final int MOUNTPROC3_NULL = 0;
    public static final int MOUNTPROC3_MNT = 1;
    public static final int MOUNTPROC3_DUMP = 2;
    public static final int MOUNTPROC3_UMNT = 3;
    public static final int MOUNTPROC3_UMNTALL = 4;
    public static final int MOUNTPROC3_EXPORT = 5;

    /** MNTPATHLEN. */
    public static final int MNTPATHLEN = 1024;
    /** MNTNAMLEN. */
    public static final int MNTNAMLEN = 255;

    // mountstat3
    public static final int MNT3_OK = 0;
    public static final int MNT3ERR_PERM = 1;
    public static final int MNT3ERR_NOENT = 2;
    public static final int MNT3ERR_IO = 5;
    public static final int MNT3ERR_ACCES = 13;
    public static final int MNT3ERR_NOTDIR = 20;
    public static final int MNT3ERR_INVAL = 22;
    public static final int MNT3ERR_NAMETOOLONG = 63;
    public static final int MNT3ERR_NOTSUPP = 10004;
    public static final int MNT3ERR_SERVERFAULT = 10006;

    private Mount3() {}
}
