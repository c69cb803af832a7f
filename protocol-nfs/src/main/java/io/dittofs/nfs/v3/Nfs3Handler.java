package io.dittofs.nfs.v3;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.share.ShareRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape of every NFSv3 procedure: decode the arguments, make one runtime call, encode the
 * result. A runtime {@link FsException} becomes the failure arm with its mapped nfsstat3; any
 * other exception is a server fault, logged once at ERROR, and answered NFS3ERR_SERVERFAULT.
 *
 * @param <A> the procedure's arguments
 * @param <R> the procedure's result
 */
public abstract class Nfs3Handler<A, R extends XdrEncodable> implements RpcProcedure {
    private static final Logger log = LoggerFactory.getLogger(Nfs3Handler.class);

    private final ShareRegistry shares;
    private final Nfs3Settings settings;

    protected Nfs3Handler(ShareRegistry shares, Nfs3Settings settings) {
        this.shares = shares;
        this.settings = settings;
    }

    /** Decodes the arguments; an {@link io.dittofs.nfs.xdr.XdrException} means GARBAGE_ARGS. */
    protected abstract A decode(XdrReader in);

    /** Does the work; may throw {@link FsException}. */
    protected abstract R execute(Nfs3Request request, A args);

    /** The result reporting {@code status}. */
    protected abstract R failure(Nfsstat3 status, A args);

    @Override
    public final void call(RpcCallContext ctx, XdrReader in, XdrWriter out) {
        A args = decode(in);
        R result;
        try {
            result = execute(new Nfs3Request(ctx, shares, settings), args);
        } catch (FsException e) {
            log.debug("{} from {}: {}", getClass().getSimpleName(), ctx.client(), e);
            result = failure(NfsErrors.toNfsstat3(e.code()), args);
        } catch (RuntimeException e) {
            log.error("{} from {} failed", getClass().getSimpleName(), ctx.client(), e);
            result = failure(Nfsstat3.NFS3ERR_SERVERFAULT, args);
        }
        result.encode(out);
    }
}
