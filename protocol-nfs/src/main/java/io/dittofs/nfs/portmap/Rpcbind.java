package io.dittofs.nfs.portmap;

/** Numbers of the portmapper and rpcbind protocols (RFC 1833). */
public final class Rpcbind {
    public static final int PROGRAM = 100000;

    // Version 2 (section 3): PMAPPROC_*
    public static final int PMAPPROC_NULL = 0;
    public static final int PMAPPROC_SET = 1;
    public static final int PMAPPROC_UNSET = 2;
    public static final int PMAPPROC_GETPORT = 3;
    public static final int PMAPPROC_DUMP = 4;

    // Versions 3 and 4 (section 2): RPCBPROC_*
    public static final int RPCBPROC_NULL = 0;
    public static final int RPCBPROC_SET = 1;
    public static final int RPCBPROC_UNSET = 2;
    public static final int RPCBPROC_GETADDR = 3;
    public static final int RPCBPROC_DUMP = 4;
    public static final int RPCBPROC_GETTIME = 6;
    public static final int RPCBPROC_GETVERSADDR = 9;

    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;

    private Rpcbind() {}
}
