package io.dittofs.nfs.nlm;

/** Numbers of NLM version 4 (RFC 1813 appendix II) and NSM version 1 (XNFS chapter 11). */
public final class Nlm4 {
    public static final int PROGRAM = 100021;
    public static final int VERSION = 4;

    public static final int NLMPROC4_NULL = 0;
    public static final int NLMPROC4_TEST = 1;
    public static final int NLMPROC4_LOCK = 2;
    public static final int NLMPROC4_CANCEL = 3;
    public static final int NLMPROC4_UNLOCK = 4;
    public static final int NLMPROC4_GRANTED = 5;
    public static final int NLMPROC4_TEST_MSG = 6;
    public static final int NLMPROC4_LOCK_MSG = 7;
    public static final int NLMPROC4_CANCEL_MSG = 8;
    public static final int NLMPROC4_UNLOCK_MSG = 9;
    public static final int NLMPROC4_GRANTED_MSG = 10;
    public static final int NLMPROC4_TEST_RES = 11;
    public static final int NLMPROC4_LOCK_RES = 12;
    public static final int NLMPROC4_CANCEL_RES = 13;
    public static final int NLMPROC4_UNLOCK_RES = 14;
    public static final int NLMPROC4_GRANTED_RES = 15;
    public static final int NLMPROC4_SHARE = 20;
    public static final int NLMPROC4_UNSHARE = 21;
    public static final int NLMPROC4_NM_LOCK = 22;
    public static final int NLMPROC4_FREE_ALL = 23;

    // nlm4_stats
    public static final int NLM4_GRANTED = 0;
    public static final int NLM4_DENIED = 1;
    public static final int NLM4_DENIED_NOLOCKS = 2;
    public static final int NLM4_BLOCKED = 3;
    public static final int NLM4_DENIED_GRACE_PERIOD = 4;
    public static final int NLM4_DEADLCK = 5;
    public static final int NLM4_ROFS = 6;
    public static final int NLM4_STALE_FH = 7;
    public static final int NLM4_FBIG = 8;
    public static final int NLM4_FAILED = 9;

    /** LM_MAXSTRLEN: caller names. */
    public static final int LM_MAXSTRLEN = 1024;
    /** MAXNETOBJ_SZ: cookies, handles, owner handles. */
    public static final int MAXNETOBJ_SZ = 1024;

    public static final int NSM_PROGRAM = 100024;
    public static final int NSM_VERSION = 1;
    public static final int SM_STAT = 1;
    public static final int SM_MON = 2;
    public static final int SM_UNMON = 3;
    public static final int SM_UNMON_ALL = 4;
    public static final int SM_SIMU_CRASH = 5;
    public static final int SM_NOTIFY = 6;
    /** SM_MAXSTRLEN. */
    public static final int SM_MAXSTRLEN = 1024;

    private Nlm4() {}
}
