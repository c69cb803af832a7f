package io.dittofs.nfs.v4;

import io.dittofs.runtime.error.ErrorCode;

/** The one mapping from the runtime's error codes to nfsstat4 (RFC 7530 section 13). */
public final class Nfs4Errors {
    private Nfs4Errors() {}

    public static int toNfsstat4(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> Nfsstat4.NFS4ERR_NOENT;
            case EXISTS -> Nfsstat4.NFS4ERR_EXIST;
            case NOT_DIRECTORY -> Nfsstat4.NFS4ERR_NOTDIR;
            case IS_DIRECTORY -> Nfsstat4.NFS4ERR_ISDIR;
            case NOT_EMPTY -> Nfsstat4.NFS4ERR_NOTEMPTY;
            case ACCESS_DENIED -> Nfsstat4.NFS4ERR_ACCESS;
            case NOT_PERMITTED -> Nfsstat4.NFS4ERR_PERM;
            case INVALID_ARGUMENT -> Nfsstat4.NFS4ERR_INVAL;
            // Section 13.1.7: a name the server cannot accept is NFS4ERR_BADNAME.
            case INVALID_NAME -> Nfsstat4.NFS4ERR_BADNAME;
            case NAME_TOO_LONG -> Nfsstat4.NFS4ERR_NAMETOOLONG;
            case STALE -> Nfsstat4.NFS4ERR_STALE;
            case BAD_HANDLE -> Nfsstat4.NFS4ERR_BADHANDLE;
            case READ_ONLY -> Nfsstat4.NFS4ERR_ROFS;
            case NO_SPACE -> Nfsstat4.NFS4ERR_NOSPC;
            case IO_ERROR -> Nfsstat4.NFS4ERR_IO;
            case CROSS_DEVICE -> Nfsstat4.NFS4ERR_XDEV;
            case TOO_MANY_LINKS -> Nfsstat4.NFS4ERR_MLINK;
            case FILE_TOO_LARGE -> Nfsstat4.NFS4ERR_FBIG;
            case NOT_SUPPORTED -> Nfsstat4.NFS4ERR_NOTSUPP;
            case BAD_COOKIE -> Nfsstat4.NFS4ERR_BAD_COOKIE;
            // Section 16.25.5: READLINK of a non-symlink is NFS4ERR_INVAL.
            case NOT_SYMLINK -> Nfsstat4.NFS4ERR_INVAL;
            // A ctime guard is NFSv3 only; NFSv4 guards with VERIFY, which answers NOT_SAME.
            case GUARD_MISMATCH -> Nfsstat4.NFS4ERR_NOT_SAME;
            // Section 16.10.5: a conflicting lock is NFS4ERR_DENIED; I/O blocked by one NFS4ERR_LOCKED
            // (the READ/WRITE paths map LOCK_CONFLICT to LOCKED themselves).
            case LOCK_CONFLICT -> Nfsstat4.NFS4ERR_DENIED;
            case DEADLOCK -> Nfsstat4.NFS4ERR_DEADLOCK;
            // Section 16.16.5: an OPEN refused by a share reservation.
            case SHARING_VIOLATION -> Nfsstat4.NFS4ERR_SHARE_DENIED;
            // An SMB client deletes the file at its last close: no new opens meanwhile.
            case DELETE_PENDING -> Nfsstat4.NFS4ERR_ACCESS;
            case TRY_LATER -> Nfsstat4.NFS4ERR_DELAY;
            case SERVER_FAULT -> Nfsstat4.NFS4ERR_SERVERFAULT;
        };
    }
}
