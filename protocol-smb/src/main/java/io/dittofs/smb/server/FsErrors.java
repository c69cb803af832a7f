package io.dittofs.smb.server;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.smb.wire.NtStatus;

/**
 * The one mapping from the runtime's error codes to NTSTATUS (values in MS-ERREF 2.3.1). No
 * {@code default}: a new ErrorCode does not compile until it is mapped here.
 */
public final class FsErrors {
    private FsErrors() {}

    public static NtStatus status(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
            case EXISTS -> NtStatus.STATUS_OBJECT_NAME_COLLISION;
            case NOT_DIRECTORY -> NtStatus.STATUS_NOT_A_DIRECTORY;
            case IS_DIRECTORY -> NtStatus.STATUS_FILE_IS_A_DIRECTORY;
            case NOT_EMPTY -> NtStatus.STATUS_DIRECTORY_NOT_EMPTY;
            case ACCESS_DENIED, NOT_PERMITTED -> NtStatus.STATUS_ACCESS_DENIED;
            case INVALID_ARGUMENT, BAD_COOKIE, GUARD_MISMATCH -> NtStatus.STATUS_INVALID_PARAMETER;
            case INVALID_NAME, NAME_TOO_LONG -> NtStatus.STATUS_OBJECT_NAME_INVALID;
            case STALE -> NtStatus.STATUS_FILE_CLOSED;
            case BAD_HANDLE -> NtStatus.STATUS_INVALID_HANDLE;
            case READ_ONLY -> NtStatus.STATUS_MEDIA_WRITE_PROTECTED;
            case NO_SPACE -> NtStatus.STATUS_DISK_FULL;
            case IO_ERROR -> NtStatus.STATUS_UNEXPECTED_IO_ERROR;
            case CROSS_DEVICE -> NtStatus.STATUS_NOT_SAME_DEVICE;
            case TOO_MANY_LINKS -> NtStatus.STATUS_TOO_MANY_LINKS;
            case FILE_TOO_LARGE -> NtStatus.STATUS_FILE_TOO_LARGE;
            case NOT_SUPPORTED -> NtStatus.STATUS_NOT_SUPPORTED;
            case NOT_SYMLINK -> NtStatus.STATUS_NOT_A_REPARSE_POINT;
            case LOCK_CONFLICT -> NtStatus.STATUS_LOCK_NOT_GRANTED;
            case DEADLOCK -> NtStatus.STATUS_POSSIBLE_DEADLOCK;
            case SHARING_VIOLATION -> NtStatus.STATUS_SHARING_VIOLATION;
            case DELETE_PENDING -> NtStatus.STATUS_DELETE_PENDING;
            case TRY_LATER -> NtStatus.STATUS_RETRY;
            case SERVER_FAULT -> NtStatus.STATUS_INTERNAL_ERROR;
        };
    }
}
