package io.dittofs.nfs.v4.attr;

/** Attribute numbers (RFC 7530 section 5.8 and 5.7, RFC 8881 section 5.8). */
public final class Attr4 {
    private Attr4() {}

    public static final int SUPPORTED_ATTRS = 0;
    public static final int TYPE = 1;
    public static final int FH_EXPIRE_TYPE = 2;
    public static final int CHANGE = 3;
    public static final int SIZE = 4;
    public static final int LINK_SUPPORT = 5;
    public static final int SYMLINK_SUPPORT = 6;
    public static final int NAMED_ATTR = 7;
    public static final int FSID = 8;
    public static final int UNIQUE_HANDLES = 9;
    public static final int LEASE_TIME = 10;
    public static final int RDATTR_ERROR = 11;
    public static final int ACL = 12;
    public static final int ACLSUPPORT = 13;
    public static final int CANSETTIME = 15;
    public static final int CASE_INSENSITIVE = 16;
    public static final int CASE_PRESERVING = 17;
    public static final int CHOWN_RESTRICTED = 18;
    public static final int FILEHANDLE = 19;
    public static final int FILEID = 20;
    public static final int FILES_AVAIL = 21;
    public static final int FILES_FREE = 22;
    public static final int FILES_TOTAL = 23;
    public static final int HOMOGENEOUS = 26;
    public static final int MAXFILESIZE = 27;
    public static final int MAXLINK = 28;
    public static final int MAXNAME = 29;
    public static final int MAXREAD = 30;
    public static final int MAXWRITE = 31;
    public static final int MODE = 33;
    public static final int NO_TRUNC = 34;
    public static final int NUMLINKS = 35;
    public static final int OWNER = 36;
    public static final int OWNER_GROUP = 37;
    public static final int RAWDEV = 41;
    public static final int SPACE_AVAIL = 42;
    public static final int SPACE_FREE = 43;
    public static final int SPACE_TOTAL = 44;
    public static final int SPACE_USED = 45;
    public static final int TIME_ACCESS = 47;
    public static final int TIME_ACCESS_SET = 48;
    public static final int TIME_CREATE = 50;
    public static final int TIME_DELTA = 51;
    public static final int TIME_METADATA = 52;
    public static final int TIME_MODIFY = 53;
    public static final int TIME_MODIFY_SET = 54;
    public static final int MOUNTED_ON_FILEID = 55;
    /** RFC 8881 section 5.8.1.14: REQUIRED in minor version 1. */
    public static final int SUPPATTR_EXCLCREAT = 75;

    /** Every attribute GETATTR can return in minor version 0. */
    static final Bitmap4 READABLE_V0 = Bitmap4.of(
            SUPPORTED_ATTRS,
            TYPE,
            FH_EXPIRE_TYPE,
            CHANGE,
            SIZE,
            LINK_SUPPORT,
            SYMLINK_SUPPORT,
            NAMED_ATTR,
            FSID,
            UNIQUE_HANDLES,
            LEASE_TIME,
            RDATTR_ERROR,
            ACL,
            ACLSUPPORT,
            CANSETTIME,
            CASE_INSENSITIVE,
            CASE_PRESERVING,
            CHOWN_RESTRICTED,
            FILEHANDLE,
            FILEID,
            FILES_AVAIL,
            FILES_FREE,
            FILES_TOTAL,
            HOMOGENEOUS,
            MAXFILESIZE,
            MAXLINK,
            MAXNAME,
            MAXREAD,
            MAXWRITE,
            MODE,
            NO_TRUNC,
            NUMLINKS,
            OWNER,
            OWNER_GROUP,
            RAWDEV,
            SPACE_AVAIL,
            SPACE_FREE,
            SPACE_TOTAL,
            SPACE_USED,
            TIME_ACCESS,
            TIME_CREATE,
            TIME_DELTA,
            TIME_METADATA,
            TIME_MODIFY,
            MOUNTED_ON_FILEID);

    /** Attributes a client may set (SETATTR, CREATE, OPEN). */
    public static final Bitmap4 WRITABLE =
            Bitmap4.of(SIZE, ACL, MODE, OWNER, OWNER_GROUP, TIME_ACCESS_SET, TIME_CREATE, TIME_MODIFY_SET);

    /** What an EXCLUSIVE4_1 create may set (RFC 8881 section 18.16.3): all but the times. */
    public static final Bitmap4 EXCLCREAT = Bitmap4.of(SIZE, MODE, OWNER, OWNER_GROUP);

    /** supported_attrs for a minor version: the readable ones and the two write-only times. */
    public static Bitmap4 supported(int minorVersion) {
        int[] w = java.util.Arrays.copyOf(READABLE_V0.words(), minorVersion == 0 ? 2 : 3);
        w[TIME_ACCESS_SET / 32] |= 1 << (TIME_ACCESS_SET % 32);
        w[TIME_MODIFY_SET / 32] |= 1 << (TIME_MODIFY_SET % 32);
        if (minorVersion > 0) {
            w[SUPPATTR_EXCLCREAT / 32] |= 1 << (SUPPATTR_EXCLCREAT % 32);
        }
        return new Bitmap4(w);
    }

    /** What GETATTR can return: the supported attributes that are not write-only. */
    public static Bitmap4 readable(int minorVersion) {
        return minorVersion == 0 ? READABLE_V0 : supported(minorVersion).and(notWriteOnly());
    }

    private static Bitmap4 notWriteOnly() {
        int[] all = {-1, -1, -1};
        all[TIME_ACCESS_SET / 32] &= ~(1 << (TIME_ACCESS_SET % 32));
        all[TIME_MODIFY_SET / 32] &= ~(1 << (TIME_MODIFY_SET % 32));
        return new Bitmap4(all);
    }
}
