package io.dittofs.nfs.rpc;

import io.dittofs.runtime.auth.AuthContext;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One call as a procedure sees it.
 *
 * @param call the call header
 * @param auth who the credential says is calling, from where
 * @param client the client's address and source port
 * @param server the address the client connected to
 * @param alloc where reply buffers come from
 * @param backchannel calls back to the client over its connection (TCP only)
 */
public record RpcCallContext(
        RpcCall call,
        AuthContext auth,
        InetSocketAddress client,
        InetSocketAddress server,
        ByteBufAllocator alloc,
        @Nullable Backchannel backchannel) {}
