package io.dittofs.runtime.error;

/**
 * Every way a file operation can fail, in protocol-neutral terms. Each protocol adapter maps
 * these in exactly one switch with no {@code default} branch, so adding a code fails the build
 * until every protocol says what it means on its wire.
 *
 * <p>The POSIX errno each code stands for is given for reference.
 */
public enum ErrorCode {
    /** ENOENT: no such file or directory. */
    NOT_FOUND,
    /** EEXIST: the name is taken. */
    EXISTS,
    /** ENOTDIR: a directory was needed. */
    NOT_DIRECTORY,
    /** EISDIR: a non-directory was needed. */
    IS_DIRECTORY,
    /** ENOTEMPTY: the directory has entries. */
    NOT_EMPTY,
    /** EACCES: permission bits or ACLs deny the access. */
    ACCESS_DENIED,
    /** EPERM: only the owner or a privileged user may do this. */
    NOT_PERMITTED,
    /** EINVAL: an argument is out of range or the operation makes no sense here. */
    INVALID_ARGUMENT,
    /** EINVAL on a name: empty, ".", "..", containing '/' or NUL, or not valid UTF-8. */
    INVALID_NAME,
    /** ENAMETOOLONG: a name of more than 255 bytes. */
    NAME_TOO_LONG,
    /** ESTALE: the handle names a file that no longer exists. */
    STALE,
    /** The handle is malformed or names no share. */
    BAD_HANDLE,
    /** EROFS: the share is read-only. */
    READ_ONLY,
    /** ENOSPC: no space left. */
    NO_SPACE,
    /** EIO: the stores failed, or data failed verification. */
    IO_ERROR,
    /** EXDEV: the operation would cross shares. */
    CROSS_DEVICE,
    /** EMLINK: too many hard links. */
    TOO_MANY_LINKS,
    /** EFBIG: the file would grow past the maximum size. */
    FILE_TOO_LARGE,
    /** ENOTSUP: the operation is not supported. */
    NOT_SUPPORTED,
    /** A directory cookie or its verifier is no longer valid. */
    BAD_COOKIE,
    /** EINVAL on readlink: the file is not a symlink. */
    NOT_SYMLINK,
    /** The ctime guard of a SETATTR did not match (NFS3ERR_NOT_SYNC). */
    GUARD_MISMATCH,
    /** EAGAIN on a lock: a conflicting lock is held. */
    LOCK_CONFLICT,
    /** EDEADLK: waiting for the lock would deadlock. */
    DEADLOCK,
    /** The open conflicts with another open's share mode or deny mode. */
    SHARING_VIOLATION,
    /** The file is marked for deletion at its last close and takes no new opens. */
    DELETE_PENDING,
    /** The server cannot do it now; try again later (NFS3ERR_JUKEBOX, NFS4ERR_DELAY). */
    TRY_LATER,
    /** A fault of the server itself. */
    SERVER_FAULT
}
