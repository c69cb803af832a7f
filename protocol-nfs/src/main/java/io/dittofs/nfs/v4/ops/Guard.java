package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.Nfs4Errors;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.runtime.error.FsException;
import java.util.function.Supplier;

/**
 * Runs the part of a seqid-mutating operation whose outcome, failure included, is kept as the
 * owner's last reply (RFC 7530 section 9.1.7): expected failures become results instead of
 * exceptions.
 */
final class Guard {
    private Guard() {}

    static OpResult run(Supplier<OpResult> work) {
        try {
            return work.get();
        } catch (Nfs4Exception e) {
            return OpResult.error(e.status());
        } catch (FsException e) {
            return OpResult.error(Nfs4Errors.toNfsstat4(e.code()));
        }
    }
}
