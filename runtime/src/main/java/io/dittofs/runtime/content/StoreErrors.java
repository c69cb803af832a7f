package io.dittofs.runtime.content;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.block.BlockStoreException;

/** The one place block store failures become file-system errors. */
public final class StoreErrors {
    private StoreErrors() {}

    public static FsException map(BlockStoreException e, String what) {
        ErrorCode code =
                switch (e.kind()) {
                    case UNAVAILABLE -> ErrorCode.TRY_LATER;
                    case NO_SPACE -> ErrorCode.NO_SPACE;
                    case CORRUPT, IO -> ErrorCode.IO_ERROR;
                    case INVALID_KEY -> ErrorCode.SERVER_FAULT;
                };
        return new FsException(code, "block store failed to " + what + ": " + e.getMessage(), e);
    }
}
