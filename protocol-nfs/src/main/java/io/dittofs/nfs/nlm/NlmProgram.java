package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.v3.NullHandler;
import org.jspecify.annotations.Nullable;

/**
 * NLM version 4 (RFC 1813 appendix II): program 100021. The synchronous procedures, and the
 * asynchronous _MSG ones whose results go back to the client as _RES calls.
 */
public final class NlmProgram implements RpcProgram {
    private final NlmHandler<?> test;
    private final NlmHandler<?> lock;
    private final NlmHandler<?> cancel;
    private final NlmHandler<?> unlock;
    private final RpcProcedure testMsg;
    private final RpcProcedure lockMsg;
    private final RpcProcedure cancelMsg;
    private final RpcProcedure unlockMsg;
    private static final RpcProcedure IGNORED = (ctx, in, out) -> {};

    private final RpcProcedure share = new NlmShareHandler();
    private final RpcProcedure nmLock;
    private final RpcProcedure freeAll;

    public NlmProgram(NlmLocks locks, NlmCallbacks callbacks, NlmHosts hosts) {
        test = new NlmTestHandler(locks);
        lock = new NlmLockHandler(locks, callbacks, hosts, true);
        cancel = new NlmCancelHandler(locks);
        unlock = new NlmUnlockHandler(locks);
        nmLock = new NlmLockHandler(locks, callbacks, hosts, false);
        freeAll = new NlmFreeAllHandler(locks, hosts);
        testMsg = new NlmMsgHandler(test, Nlm4.NLMPROC4_TEST_RES, callbacks);
        lockMsg = new NlmMsgHandler(lock, Nlm4.NLMPROC4_LOCK_RES, callbacks);
        cancelMsg = new NlmMsgHandler(cancel, Nlm4.NLMPROC4_CANCEL_RES, callbacks);
        unlockMsg = new NlmMsgHandler(unlock, Nlm4.NLMPROC4_UNLOCK_RES, callbacks);
    }

    @Override
    public int program() {
        return Nlm4.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Nlm4.VERSION;
    }

    @Override
    public int highVersion() {
        return Nlm4.VERSION;
    }

    @Override
    public @Nullable RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case Nlm4.NLMPROC4_NULL -> NullHandler.INSTANCE;
            case Nlm4.NLMPROC4_TEST -> test;
            case Nlm4.NLMPROC4_LOCK -> lock;
            case Nlm4.NLMPROC4_CANCEL -> cancel;
            case Nlm4.NLMPROC4_UNLOCK -> unlock;
            case Nlm4.NLMPROC4_TEST_MSG -> testMsg;
            case Nlm4.NLMPROC4_LOCK_MSG -> lockMsg;
            case Nlm4.NLMPROC4_CANCEL_MSG -> cancelMsg;
            case Nlm4.NLMPROC4_UNLOCK_MSG -> unlockMsg;
            // Results of GRANTED_MSG, which this server never sends, and results clients send by
            // mistake: accepted and dropped.
            case Nlm4.NLMPROC4_GRANTED_MSG,
                    Nlm4.NLMPROC4_TEST_RES,
                    Nlm4.NLMPROC4_LOCK_RES,
                    Nlm4.NLMPROC4_CANCEL_RES,
                    Nlm4.NLMPROC4_UNLOCK_RES,
                    Nlm4.NLMPROC4_GRANTED_RES -> IGNORED;
            case Nlm4.NLMPROC4_SHARE, Nlm4.NLMPROC4_UNSHARE -> share;
            case Nlm4.NLMPROC4_NM_LOCK -> nmLock;
            case Nlm4.NLMPROC4_FREE_ALL -> freeAll;
            default -> null;
        };
    }
}
