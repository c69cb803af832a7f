package io.dittofs.nfs.v4;

/**
 * Constants of NFS version 4 (RFC 7530 for minor version 0, RFC 8881 for minor version 1):
 * program and procedures (RFC 7530 section 17), operation numbers (section 16 / RFC 8881
 * section 18) and the protocol's fixed sizes.
 */
public final class Nfs4 {
    private Nfs4() {}

    public static final int PROGRAM = 100003;
    public static final int VERSION = 4;
    /** The highest minor version served; a COMPOUND with a higher one gets NFS4ERR_MINOR_VERS_MISMATCH. */
    public static final int MAX_MINOR_VERSION = 1;

    public static final int PROC_NULL = 0;
    public static final int PROC_COMPOUND = 1;

    /** NFS4_FHSIZE. */
    public static final int FHSIZE = 128;
    /** NFS4_VERIFIER_SIZE. */
    public static final int VERIFIER_SIZE = 8;
    /** NFS4_OTHER_SIZE: the "other" part of a stateid4. */
    public static final int OTHER_SIZE = 12;
    /** NFS4_SESSIONID_SIZE (RFC 8881). */
    public static final int SESSIONID_SIZE = 16;
    /** NFS4_OPAQUE_LIMIT: client owner ids, server owner and scope. */
    public static final int OPAQUE_LIMIT = 1024;
    /** The longest COMPOUND tag we accept. */
    public static final int MAX_TAG = 1024;
    /** The most operations one COMPOUND may carry. */
    public static final int MAX_OPS = 128;
    /** Longest name component, owner string, symlink text we decode. */
    public static final int MAX_NAME = 4096;

    // Operations (RFC 7530 section 16, RFC 8881 section 18).
    public static final int OP_ACCESS = 3;
    public static final int OP_CLOSE = 4;
    public static final int OP_COMMIT = 5;
    public static final int OP_CREATE = 6;
    public static final int OP_DELEGPURGE = 7;
    public static final int OP_DELEGRETURN = 8;
    public static final int OP_GETATTR = 9;
    public static final int OP_GETFH = 10;
    public static final int OP_LINK = 11;
    public static final int OP_LOCK = 12;
    public static final int OP_LOCKT = 13;
    public static final int OP_LOCKU = 14;
    public static final int OP_LOOKUP = 15;
    public static final int OP_LOOKUPP = 16;
    public static final int OP_NVERIFY = 17;
    public static final int OP_OPEN = 18;
    public static final int OP_OPENATTR = 19;
    public static final int OP_OPEN_CONFIRM = 20;
    public static final int OP_OPEN_DOWNGRADE = 21;
    public static final int OP_PUTFH = 22;
    public static final int OP_PUTPUBFH = 23;
    public static final int OP_PUTROOTFH = 24;
    public static final int OP_READ = 25;
    public static final int OP_READDIR = 26;
    public static final int OP_READLINK = 27;
    public static final int OP_REMOVE = 28;
    public static final int OP_RENAME = 29;
    public static final int OP_RENEW = 30;
    public static final int OP_RESTOREFH = 31;
    public static final int OP_SAVEFH = 32;
    public static final int OP_SECINFO = 33;
    public static final int OP_SETATTR = 34;
    public static final int OP_SETCLIENTID = 35;
    public static final int OP_SETCLIENTID_CONFIRM = 36;
    public static final int OP_VERIFY = 37;
    public static final int OP_WRITE = 38;
    public static final int OP_RELEASE_LOCKOWNER = 39;
    public static final int OP_BACKCHANNEL_CTL = 40;
    public static final int OP_BIND_CONN_TO_SESSION = 41;
    public static final int OP_EXCHANGE_ID = 42;
    public static final int OP_CREATE_SESSION = 43;
    public static final int OP_DESTROY_SESSION = 44;
    public static final int OP_FREE_STATEID = 45;
    public static final int OP_GET_DIR_DELEGATION = 46;
    public static final int OP_GETDEVICEINFO = 47;
    public static final int OP_GETDEVICELIST = 48;
    public static final int OP_LAYOUTCOMMIT = 49;
    public static final int OP_LAYOUTGET = 50;
    public static final int OP_LAYOUTRETURN = 51;
    public static final int OP_SECINFO_NO_NAME = 52;
    public static final int OP_SEQUENCE = 53;
    public static final int OP_SET_SSV = 54;
    public static final int OP_TEST_STATEID = 55;
    public static final int OP_WANT_DELEGATION = 56;
    public static final int OP_DESTROY_CLIENTID = 57;
    public static final int OP_RECLAIM_COMPLETE = 58;
    public static final int OP_ILLEGAL = 10044;

    /** The highest operation number of minor version 0 (RELEASE_LOCKOWNER) and 1 (RECLAIM_COMPLETE). */
    public static int lastOp(int minorVersion) {
        return minorVersion == 0 ? OP_RELEASE_LOCKOWNER : OP_RECLAIM_COMPLETE;
    }

    // nfs_ftype4 (RFC 7530 section 3.2).
    public static final int NF4REG = 1;
    public static final int NF4DIR = 2;
    public static final int NF4BLK = 3;
    public static final int NF4CHR = 4;
    public static final int NF4LNK = 5;
    public static final int NF4SOCK = 6;
    public static final int NF4FIFO = 7;

    // stable_how4 (section 16.36).
    public static final int UNSTABLE4 = 0;
    public static final int DATA_SYNC4 = 1;
    public static final int FILE_SYNC4 = 2;

    // Security flavors for SECINFO (RFC 5531).
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;
}
