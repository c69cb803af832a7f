package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.Backchannel;
import io.dittofs.nfs.rpc.OpaqueAuth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A session's back channel (RFC 8881 section 2.10.3.1): the client connection to send callbacks
 * on, the callback program, the credential to use, and the sequence id of the back channel's
 * single slot.
 *
 * <p>Threading: fields are volatile; CREATE_SESSION, BIND_CONN_TO_SESSION and BACKCHANNEL_CTL
 * change them, recalls read them.
 */
public final class CallbackPath {
    /** The credential callbacks carry when the client offered AUTH_SYS: root on the server. */
    private static final OpaqueAuth SYS = new AuthSysParms(0, "dittofs", 0, 0, new int[0]).toCredential();

    private volatile @Nullable Backchannel connection;
    private volatile int program;
    private volatile boolean useSys;
    private final AtomicInteger seqid = new AtomicInteger();

    public void bind(Backchannel c) {
        connection = c;
    }

    public void program(int cbProgram, boolean authSys) {
        program = cbProgram;
        useSys = authSys;
    }

    /** The connection, when it is still open. */
    public @Nullable Backchannel connection() {
        Backchannel c = connection;
        return c != null && c.isOpen() ? c : null;
    }

    public int program() {
        return program;
    }

    public OpaqueAuth credential() {
        return useSys ? SYS : OpaqueAuth.NONE;
    }

    private CompletableFuture<?> last = CompletableFuture.completedFuture(null); // guarded by this

    /** Runs {@code call} once the previous call's reply came (or it failed): slot 0 in order. */
    public synchronized <T> CompletableFuture<T> inTurn(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> next = last.handle((r, e) -> null).thenCompose(x -> call.get());
        last = next;
        return next;
    }

    /** The next CB_SEQUENCE sequence id of slot 0. */
    public int nextSeqid() {
        return seqid.incrementAndGet();
    }
}
