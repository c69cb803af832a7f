package io.dittofs.smb.handlers;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.BreakIntent;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.smb.server.Leases;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open-table half of CREATE: the share-mode check, and the breaks of other clients' caching
 * that the new open needs (MS-SMB2 3.3.5.9, MS-FSA 2.1.5.1.2). A sharing violation against a
 * holder of handle caching first breaks that caching (the holder closes the handles it kept)
 * and tries again; an open for data then breaks write caching (a reader) or read and write
 * caching (a writer). While a holder has to acknowledge, the CREATE goes async (interim
 * STATUS_PENDING; CANCEL ends it with STATUS_CANCELLED) and waits, bounded by the lease
 * acknowledgment timer, after which the server has lowered the caching itself.
 */
final class CreateBreaks {
    private static final Logger LOG = LoggerFactory.getLogger(CreateBreaks.class);
    private static final long WAIT_MILLIS = Leases.ACK_TIMEOUT.toMillis() + 1000;

    private final RequestContext ctx;
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();

    private CreateBreaks(RequestContext ctx) {
        this.ctx = ctx;
    }

    /** Opens {@code file} in the table for {@code holder}, breaking what stands in the way. */
    static OpenHandle open(RequestContext ctx, FileKey file, String holder, OpenMode mode) {
        OpenTable table = ctx.server().runtime().opens();
        CreateBreaks waits = new CreateBreaks(ctx);
        OpenHandle handle;
        try {
            handle = table.open(file, holder, mode);
        } catch (FsException e) {
            if (e.code() != ErrorCode.SHARING_VIOLATION) {
                throw e;
            }
            CompletableFuture<Void> broken = table.breakConflicting(file, holder, BreakIntent.NAMESPACE);
            if (broken.isDone()) {
                throw e; // nobody caches handles: a plain sharing violation
            }
            waits.await(broken);
            handle = table.open(file, holder, mode);
        }
        if (mode.access() == 0) {
            return handle; // attributes only: breaks nothing
        }
        BreakIntent intent = (mode.access() & OpenMode.WRITE) != 0 ? BreakIntent.OPEN_WRITE : BreakIntent.OPEN_READ;
        try {
            waits.await(table.breakConflicting(file, holder, intent));
        } catch (RuntimeException e) {
            table.close(handle);
            throw e;
        }
        return handle;
    }

    private void await(CompletableFuture<Void> broken) {
        if (broken.isDone()) {
            return;
        }
        if (ctx.asyncId() == 0) {
            ctx.goAsync(() -> cancelled.complete(null)); // inside a compound it cannot: then it waits in place
        }
        try {
            CompletableFuture.anyOf(broken, cancelled).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info(
                    "caching breaks for a CREATE from {} not done in time; going ahead",
                    ctx.connection().client());
        } catch (ExecutionException e) {
            LOG.debug("break failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmbProtocolException(NtStatus.STATUS_CANCELLED, "interrupted");
        }
        if (cancelled.isDone()) {
            throw new SmbProtocolException(NtStatus.STATUS_CANCELLED, "CREATE cancelled while breaking caching");
        }
    }
}
