package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * One procedure of an RPC program. It decodes its arguments from {@code args}, does its work and
 * encodes its results into {@code results}. An {@link io.dittofs.nfs.xdr.XdrException} while
 * decoding makes the dispatcher answer GARBAGE_ARGS instead of anything written.
 *
 * <p>Called on a virtual thread: it may block.
 */
public interface RpcProcedure {
    void call(RpcCallContext ctx, XdrReader args, XdrWriter results);

    /**
     * Whether running the call twice gives the same outcome as once. Calls that are not go
     * through the duplicate request cache, so a retransmission gets the first reply.
     */
    default boolean idempotent() {
        return true;
    }
}
