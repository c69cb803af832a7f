package io.dittofs.nfs.rpc;

/**
 * Names of RPC programs and procedures for metrics: a program and version become "nfs3",
 * "mount", ...; NFSv3 (RFC 1813 section 3), MOUNT v3 (RFC 1813 appendix I) and NFSv4 (RFC 7530
 * section 16) procedures get their spec names, others their number.
 */
public final class RpcNames {
    private static final String[] NFS3 = {
        "NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE", "CREATE", "MKDIR", "SYMLINK",
        "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS", "FSSTAT", "FSINFO", "PATHCONF", "COMMIT"
    };
    private static final String[] MOUNT = {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"};
    private static final String[] NFS4 = {"NULL", "COMPOUND"};

    private RpcNames() {}

    public static String program(int program, int version) {
        return switch (program) {
            case 100003 -> "nfs" + version;
            case 100005 -> "mount";
            case 100021 -> "nlm";
            case 100024 -> "nsm";
            case 100000 -> "portmap";
            default -> "rpc" + program;
        };
    }

    public static String procedure(int program, int version, int procedure) {
        String[] names =
                switch (program) {
                    case 100005 -> MOUNT;
                    case 100003 -> version == 4 ? NFS4 : NFS3;
                    default -> new String[0];
                };
        return procedure >= 0 && procedure < names.length ? names[procedure] : Integer.toString(procedure);
    }
}
