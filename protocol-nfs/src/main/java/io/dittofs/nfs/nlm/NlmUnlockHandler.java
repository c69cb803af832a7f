package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;

/**
 * NLMPROC4_UNLOCK (RFC 1813 appendix II): releases the owner's locks in the range, splitting
 * larger ones. Unlocking what is not locked is not an error.
 */
public final class NlmUnlockHandler extends NlmHandler<Nlm4Args.Unlock> {
    public NlmUnlockHandler(NlmLocks locks) {
        super(locks);
    }

    @Override
    protected Nlm4Args.Unlock decode(XdrReader in) {
        return Nlm4Args.Unlock.decode(in);
    }

    @Override
    protected XdrEncodable execute(RpcCallContext ctx, Nlm4Args.Unlock args) {
        locks.unlock(locks.resolve(args.lock(), ctx.auth()), args.lock());
        return new Nlm4Args.Res(args.cookie(), Nlm4.NLM4_GRANTED);
    }

    @Override
    protected XdrEncodable failure(int nlm4Stats, Nlm4Args.Unlock args) {
        return new Nlm4Args.Res(args.cookie(), nlm4Stats);
    }
}
