package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * The asynchronous NLM procedures (RFC 1813 appendix II; XNFS chapter 10): TEST_MSG, LOCK_MSG,
 * CANCEL_MSG and UNLOCK_MSG do what their synchronous twins do, reply with nothing, and send the
 * result back to the client's lock manager as a call of the matching _RES procedure.
 */
public final class NlmMsgHandler implements RpcProcedure {
    private final NlmHandler<?> synchronous;
    private final int resProcedure;
    private final NlmCallbacks callbacks;

    NlmMsgHandler(NlmHandler<?> synchronous, int resProcedure, NlmCallbacks callbacks) {
        this.synchronous = synchronous;
        this.resProcedure = resProcedure;
        this.callbacks = callbacks;
    }

    @Override
    public void call(RpcCallContext ctx, XdrReader in, XdrWriter out) {
        XdrEncodable result = synchronous.handle(ctx, in);
        // After the void reply, from its own thread: the client may be waiting for that reply.
        Thread.ofVirtual()
                .name("nlm-res")
                .start(() -> callbacks.sendResult(ctx.client().getAddress(), resProcedure, result));
    }
}
