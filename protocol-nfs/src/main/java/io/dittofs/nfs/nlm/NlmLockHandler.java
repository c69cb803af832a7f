package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.Lock;
import java.util.concurrent.CompletableFuture;

/**
 * NLMPROC4_LOCK (RFC 1813 appendix II), and NM_LOCK (the same without a status monitor, never
 * blocking). A blocking request that conflicts answers NLM4_BLOCKED and waits in the lock
 * manager; once granted, the client is told with a GRANTED callback. During the grace period
 * after a start only reclaims are served.
 */
public final class NlmLockHandler extends NlmHandler<Nlm4Args.Lock> {
    private final NlmCallbacks callbacks;
    private final NlmHosts hosts;
    private final boolean monitored;

    public NlmLockHandler(NlmLocks locks, NlmCallbacks callbacks, NlmHosts hosts, boolean monitored) {
        super(locks);
        this.callbacks = callbacks;
        this.hosts = hosts;
        this.monitored = monitored;
    }

    @Override
    protected Nlm4Args.Lock decode(XdrReader in) {
        return Nlm4Args.Lock.decode(in);
    }

    @Override
    protected XdrEncodable execute(RpcCallContext ctx, Nlm4Args.Lock args) {
        if (locks.inGracePeriod() && !args.reclaim()) {
            return failure(Nlm4.NLM4_DENIED_GRACE_PERIOD, args);
        }
        FileKey file = locks.resolve(args.lock(), ctx.auth());
        if (monitored) {
            // Remembered so that, after a restart, the host is told to reclaim (SM_NOTIFY).
            hosts.monitor(new NlmHosts.Host(
                    args.lock().callerName(),
                    ctx.client().getAddress(),
                    ctx.server().getAddress()));
        }
        if (!args.block() || !monitored) {
            boolean granted = locks.tryLock(file, args.lock(), args.exclusive()).isEmpty();
            return new Nlm4Args.Res(args.cookie(), granted ? Nlm4.NLM4_GRANTED : Nlm4.NLM4_DENIED);
        }
        CompletableFuture<Lock> waiting = locks.block(file, args.lock(), args.exclusive());
        if (waiting.isDone() && !waiting.isCancelled()) {
            locks.granted(file, args.lock());
            return new Nlm4Args.Res(args.cookie(), Nlm4.NLM4_GRANTED);
        }
        Nlm4Args.Test callback = new Nlm4Args.Test(args.cookie(), args.exclusive(), args.lock());
        waiting.thenRunAsync(
                () -> {
                    locks.granted(file, args.lock());
                    callbacks.granted(ctx.client().getAddress(), callback);
                },
                r -> Thread.ofVirtual().name("nlm-granted").start(r));
        return new Nlm4Args.Res(args.cookie(), Nlm4.NLM4_BLOCKED);
    }

    @Override
    protected XdrEncodable failure(int nlm4Stats, Nlm4Args.Lock args) {
        return new Nlm4Args.Res(args.cookie(), nlm4Stats);
    }
}
