package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;

/** NLMPROC4_CANCEL (RFC 1813 appendix II): withdraws a blocked LOCK (releasing it if it was granted meanwhile). */
public final class NlmCancelHandler extends NlmHandler<Nlm4Args.Cancel> {
    public NlmCancelHandler(NlmLocks locks) {
        super(locks);
    }

    @Override
    protected Nlm4Args.Cancel decode(XdrReader in) {
        return Nlm4Args.Cancel.decode(in);
    }

    @Override
    protected XdrEncodable execute(RpcCallContext ctx, Nlm4Args.Cancel args) {
        locks.cancel(locks.resolve(args.lock(), ctx.auth()), args.lock());
        return new Nlm4Args.Res(args.cookie(), Nlm4.NLM4_GRANTED);
    }

    @Override
    protected XdrEncodable failure(int nlm4Stats, Nlm4Args.Cancel args) {
        return new Nlm4Args.Res(args.cookie(), nlm4Stats);
    }
}
