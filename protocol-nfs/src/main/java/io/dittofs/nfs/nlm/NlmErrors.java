package io.dittofs.nfs.nlm;

import io.dittofs.runtime.error.ErrorCode;

/** The one mapping from the runtime's error codes to nlm4_stats (RFC 1813 appendix II). */
public final class NlmErrors {
    private NlmErrors() {}

    public static int toNlm4Stats(ErrorCode code) {
        return switch (code) {
            case STALE, BAD_HANDLE, NOT_FOUND -> Nlm4.NLM4_STALE_FH;
            case READ_ONLY -> Nlm4.NLM4_ROFS;
            case FILE_TOO_LARGE -> Nlm4.NLM4_FBIG;
            case LOCK_CONFLICT, SHARING_VIOLATION, DELETE_PENDING -> Nlm4.NLM4_DENIED;
            case DEADLOCK -> Nlm4.NLM4_DEADLCK;
            case TRY_LATER -> Nlm4.NLM4_DENIED_NOLOCKS;
            case EXISTS,
                    NOT_DIRECTORY,
                    IS_DIRECTORY,
                    NOT_EMPTY,
                    ACCESS_DENIED,
                    NOT_PERMITTED,
                    INVALID_ARGUMENT,
                    INVALID_NAME,
                    NAME_TOO_LONG,
                    NO_SPACE,
                    IO_ERROR,
                    CROSS_DEVICE,
                    TOO_MANY_LINKS,
                    NOT_SUPPORTED,
                    BAD_COOKIE,
                    NOT_SYMLINK,
                    GUARD_MISMATCH,
                    SERVER_FAULT -> Nlm4.NLM4_FAILED;
        };
    }
}
