package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.Lock;
import java.util.Optional;

/** NLMPROC4_TEST (RFC 1813 appendix II): would this lock be granted? If not, who holds what. */
public final class NlmTestHandler extends NlmHandler<Nlm4Args.Test> {
    public NlmTestHandler(NlmLocks locks) {
        super(locks);
    }

    @Override
    protected Nlm4Args.Test decode(XdrReader in) {
        return Nlm4Args.Test.decode(in);
    }

    @Override
    protected XdrEncodable execute(RpcCallContext ctx, Nlm4Args.Test args) {
        if (locks.inGracePeriod()) {
            return failure(Nlm4.NLM4_DENIED_GRACE_PERIOD, args);
        }
        FileKey file = locks.resolve(args.lock(), ctx.auth());
        Optional<Lock> conflict = locks.test(file, args.lock(), args.exclusive());
        return conflict.isEmpty()
                ? new Nlm4Args.TestRes(args.cookie(), Nlm4.NLM4_GRANTED, null)
                : new Nlm4Args.TestRes(args.cookie(), Nlm4.NLM4_DENIED, NlmLocks.holder(conflict.get()));
    }

    @Override
    protected XdrEncodable failure(int nlm4Stats, Nlm4Args.Test args) {
        return new Nlm4Args.TestRes(args.cookie(), nlm4Stats, null);
    }
}
