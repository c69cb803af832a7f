package io.dittofs.nfs.v3;

/** Program and procedure numbers of NFS version 3 (RFC 1813 section 3). */
public final class Nfs3 {
    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;

    public static final int NFSPROC3_NULL = 0;
    public static final int NFSPROC3_GETATTR = 1;
    public static final int NFSPROC3_SETATTR = 2;
    public static final int NFSPROC3_LOOKUP = 3;
    public static final int NFSPROC3_ACCESS = 4;
    public static final int NFSPROC3_READLINK = 5;
    public static final int NFSPROC3_READ = 6;
    public static final int NFSPROC3_WRITE = 7;
    public static final int NFSPROC3_CREATE = 8;
    public static final int NFSPROC3_MKDIR = 9;
    public static final int NFSPROC3_SYMLINK = 10;
    public static final int NFSPROC3_MKNOD = 11;
    public static final int NFSPROC3_REMOVE = 12;
    public static final int NFSPROC3_RMDIR = 13;
    public static final int NFSPROC3_RENAME = 14;
    public static final int NFSPROC3_LINK = 15;
    public static final int NFSPROC3_READDIR = 16;
    public static final int NFSPROC3_READDIRPLUS = 17;
    public static final int NFSPROC3_FSSTAT = 18;
    public static final int NFSPROC3_FSINFO = 19;
    public static final int NFSPROC3_PATHCONF = 20;
    public static final int NFSPROC3_COMMIT = 21;

    private Nfs3() {}
}
