package io.dittofs.nfs.client;

import io.dittofs.nfs.nlm.Nlm4;
import io.dittofs.nfs.nlm.Nlm4Args;
import io.dittofs.nfs.nlm.Nlm4Lock;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import java.util.function.Function;

/** NLM version 4 (RFC 1813 appendix II) over an {@link RpcClient}: the synchronous procedures. */
public final class NlmClient {
    private static final byte[] COOKIE = {1, 2, 3, 4};

    private final RpcClient rpc;
    private final OpaqueAuth credential;

    public NlmClient(RpcClient rpc, OpaqueAuth credential) {
        this.rpc = rpc;
        this.credential = credential;
    }

    private <T> T call(int proc, XdrEncodable args, Function<XdrReader, T> results) {
        return rpc.call(Nlm4.PROGRAM, Nlm4.VERSION, proc, credential, args, results);
    }

    public Nlm4Args.TestRes test(Nlm4Lock lock, boolean exclusive) {
        return call(Nlm4.NLMPROC4_TEST, new Nlm4Args.Test(COOKIE, exclusive, lock), Nlm4Args.TestRes::decode);
    }

    public int lock(Nlm4Lock lock, boolean exclusive, boolean block, boolean reclaim) {
        return call(
                        Nlm4.NLMPROC4_LOCK,
                        new Nlm4Args.Lock(COOKIE, block, exclusive, lock, reclaim, 1),
                        Nlm4Args.Res::decode)
                .stat();
    }

    public int cancel(Nlm4Lock lock, boolean exclusive) {
        return call(Nlm4.NLMPROC4_CANCEL, new Nlm4Args.Cancel(COOKIE, true, exclusive, lock), Nlm4Args.Res::decode)
                .stat();
    }

    public int unlock(Nlm4Lock lock) {
        return call(Nlm4.NLMPROC4_UNLOCK, new Nlm4Args.Unlock(COOKIE, lock), Nlm4Args.Res::decode)
                .stat();
    }

    public void freeAll(String host) {
        call(Nlm4.NLMPROC4_FREE_ALL, out -> out.writeString(host).writeInt(0), in -> null);
    }
}
