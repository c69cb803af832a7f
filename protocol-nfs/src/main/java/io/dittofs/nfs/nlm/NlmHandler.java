package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.error.FsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape of every NLM procedure: decode, act on the lock manager, reply with the caller's
 * cookie. A runtime {@link FsException} becomes its mapped nlm4_stats; any other exception is a
 * server fault, logged once at ERROR, and answered NLM4_FAILED.
 */
abstract class NlmHandler<A> implements RpcProcedure {
    private static final Logger log = LoggerFactory.getLogger(NlmHandler.class);

    protected final NlmLocks locks;

    NlmHandler(NlmLocks locks) {
        this.locks = locks;
    }

    protected abstract A decode(XdrReader in);

    protected abstract XdrEncodable execute(RpcCallContext ctx, A args);

    protected abstract XdrEncodable failure(int nlm4Stats, A args);

    @Override
    public final void call(RpcCallContext ctx, XdrReader in, XdrWriter out) {
        handle(ctx, in).encode(out);
    }

    /** Decodes and executes; the result is what the synchronous procedure replies. */
    final XdrEncodable handle(RpcCallContext ctx, XdrReader in) {
        A args = decode(in);
        XdrEncodable result;
        try {
            result = execute(ctx, args);
        } catch (FsException e) {
            log.debug("{} from {}: {}", getClass().getSimpleName(), ctx.client(), e);
            result = failure(NlmErrors.toNlm4Stats(e.code()), args);
        } catch (RuntimeException e) {
            log.error("{} from {} failed", getClass().getSimpleName(), ctx.client(), e);
            result = failure(Nlm4.NLM4_FAILED, args);
        }
        return result;
    }
}
