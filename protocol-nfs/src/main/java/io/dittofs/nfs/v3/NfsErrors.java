package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.runtime.error.ErrorCode;

/** The one mapping from the runtime's error codes to nfsstat3 (RFC 1813 section 2.6). */
public final class NfsErrors {
    private NfsErrors() {}

    public static Nfsstat3 toNfsstat3(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> Nfsstat3.NFS3ERR_NOENT;
            case EXISTS -> Nfsstat3.NFS3ERR_EXIST;
            case NOT_DIRECTORY -> Nfsstat3.NFS3ERR_NOTDIR;
            case IS_DIRECTORY -> Nfsstat3.NFS3ERR_ISDIR;
            case NOT_EMPTY -> Nfsstat3.NFS3ERR_NOTEMPTY;
            case ACCESS_DENIED -> Nfsstat3.NFS3ERR_ACCES;
            case NOT_PERMITTED -> Nfsstat3.NFS3ERR_PERM;
            case INVALID_ARGUMENT, INVALID_NAME -> Nfsstat3.NFS3ERR_INVAL;
            case NAME_TOO_LONG -> Nfsstat3.NFS3ERR_NAMETOOLONG;
            case STALE -> Nfsstat3.NFS3ERR_STALE;
            case BAD_HANDLE -> Nfsstat3.NFS3ERR_BADHANDLE;
            case READ_ONLY -> Nfsstat3.NFS3ERR_ROFS;
            case NO_SPACE -> Nfsstat3.NFS3ERR_NOSPC;
            case IO_ERROR -> Nfsstat3.NFS3ERR_IO;
            case CROSS_DEVICE -> Nfsstat3.NFS3ERR_XDEV;
            case TOO_MANY_LINKS -> Nfsstat3.NFS3ERR_MLINK;
            case FILE_TOO_LARGE -> Nfsstat3.NFS3ERR_FBIG;
            case NOT_SUPPORTED -> Nfsstat3.NFS3ERR_NOTSUPP;
            case BAD_COOKIE -> Nfsstat3.NFS3ERR_BAD_COOKIE;
            // READLINK of a non-symlink: section 3.3.5 allows NFS3ERR_INVAL.
            case NOT_SYMLINK -> Nfsstat3.NFS3ERR_INVAL;
            // Section 3.3.2: "NFS3ERR_NOT_SYNC" when the SETATTR guard's ctime does not match.
            case GUARD_MISMATCH -> Nfsstat3.NFS3ERR_NOT_SYNC;
            // A lock, lease or share mode of another protocol is in the way for now: section 2.6
            // NFS3ERR_JUKEBOX tells the client to retry later.
            case LOCK_CONFLICT, SHARING_VIOLATION, TRY_LATER -> Nfsstat3.NFS3ERR_JUKEBOX;
            // An SMB client deleted the file while it is still open: it is as good as gone.
            case DELETE_PENDING -> Nfsstat3.NFS3ERR_ACCES;
            // No NFSv3 procedure waits for a lock, so a deadlock here is the server's fault.
            case DEADLOCK, SERVER_FAULT -> Nfsstat3.NFS3ERR_SERVERFAULT;
        };
    }
}
