package io.dittofs.nfs.client.v41;

/** Wire constants of NFSv4.1 (RFC 8881 section 18 and the XDR of RFC 8882). */
public final class Nfs41 {
    private Nfs41() {}

    public static final int PROGRAM = 100003;
    public static final int VERSION = 4;
    public static final int MINOR_VERSION = 1;
    public static final int PROC_COMPOUND = 1;

    // nfs_opnum4 (RFC 8881 section 16.2.3)
    public static final int OP_CLOSE = 4;
    public static final int OP_COMMIT = 5;
    public static final int OP_CREATE = 6;
    public static final int OP_GETATTR = 9;
    public static final int OP_GETFH = 10;
    public static final int OP_LOOKUP = 15;
    public static final int OP_OPEN = 18;
    public static final int OP_PUTFH = 22;
    public static final int OP_PUTROOTFH = 24;
    public static final int OP_READ = 25;
    public static final int OP_READDIR = 26;
    public static final int OP_REMOVE = 28;
    public static final int OP_RENAME = 29;
    public static final int OP_SAVEFH = 32;
    public static final int OP_SETATTR = 34;
    public static final int OP_WRITE = 38;
    public static final int OP_EXCHANGE_ID = 42;
    public static final int OP_CREATE_SESSION = 43;
    public static final int OP_DESTROY_SESSION = 44;
    public static final int OP_SEQUENCE = 53;
    public static final int OP_DESTROY_CLIENTID = 57;
    public static final int OP_RECLAIM_COMPLETE = 58;

    // nfsstat4 values the client looks at (RFC 8881 section 15.1)
    public static final int NFS4_OK = 0;
    public static final int NFS4ERR_NOENT = 2;
    public static final int NFS4ERR_EXIST = 17;
    public static final int NFS4ERR_DELAY = 10008;

    // EXCHANGE_ID flags (RFC 8881 section 18.35.3)
    public static final int EXCHGID4_FLAG_USE_NON_PNFS = 0x00010000;

    // stable_how4 (section 18.32.1)
    public static final int UNSTABLE4 = 0;
    public static final int DATA_SYNC4 = 1;
    public static final int FILE_SYNC4 = 2;

    // OPEN (section 18.16)
    public static final int OPEN4_SHARE_ACCESS_READ = 1;
    public static final int OPEN4_SHARE_ACCESS_WRITE = 2;
    public static final int OPEN4_SHARE_ACCESS_BOTH = 3;
    public static final int OPEN4_SHARE_ACCESS_WANT_NO_DELEG = 0x0400;
    public static final int OPEN4_SHARE_DENY_NONE = 0;
    public static final int OPEN4_NOCREATE = 0;
    public static final int OPEN4_CREATE = 1;
    public static final int UNCHECKED4 = 0;
    public static final int CLAIM_NULL = 0;
    public static final int OPEN_DELEGATE_NONE = 0;
    public static final int OPEN_DELEGATE_READ = 1;
    public static final int OPEN_DELEGATE_WRITE = 2;
    public static final int OPEN_DELEGATE_NONE_EXT = 3;
    public static final int WND4_CONTENTION = 7;
    public static final int WND4_RESOURCE = 8;
    public static final int NFS_LIMIT_SIZE = 1;
    public static final int OPEN4_RESULT_CONFIRM = 2;

    // nfs_ftype4 (section 5.8.1.2)
    public static final int NF4REG = 1;
    public static final int NF4DIR = 2;

    // Attribute numbers (section 5.8)
    public static final int FATTR4_TYPE = 1;
    public static final int FATTR4_SIZE = 4;
    public static final int FATTR4_FILEID = 20;
    public static final int FATTR4_MODE = 33;
    public static final int FATTR4_ACL = 12;

    public static final int NFS4_FHSIZE = 128;
    public static final int NFS4_OPAQUE_LIMIT = 1024;
    public static final int NFS4_SESSIONID_SIZE = 16;
    public static final int NFS4_VERIFIER_SIZE = 8;
}
