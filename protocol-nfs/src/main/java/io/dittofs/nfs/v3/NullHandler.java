package io.dittofs.nfs.v3;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** NULL (RFC 1813 section 3.3.0), also of MOUNT, NLM and the portmapper: no work, void result. */
public final class NullHandler implements RpcProcedure {
    public static final NullHandler INSTANCE = new NullHandler();

    private NullHandler() {}

    @Override
    public void call(RpcCallContext ctx, XdrReader args, XdrWriter results) {}
}
