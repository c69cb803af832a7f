package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls the server makes to a client over the client's own connection (the NFSv4.1 back channel,
 * RFC 8881 section 2.10.3.1): the call goes out as a record on the connection, and the reply,
 * which arrives among the client's calls, completes the call's future.
 *
 * <p>Threading: calls may be made from any thread; replies are matched on the event loop.
 */
public final class Backchannel {
    private final Channel channel;
    private final AtomicInteger nextXid = new AtomicInteger((int) System.nanoTime());
    private final Map<Integer, CompletableFuture<ByteBuf>> pending = new ConcurrentHashMap<>();

    Backchannel(Channel channel) {
        this.channel = channel;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /**
     * Sends a call; the future completes with the whole reply record (the receiver
     * releases it), or fails when the connection closes.
     */
    public CompletableFuture<ByteBuf> call(
            int program, int version, int procedure, OpaqueAuth credential, XdrEncodable args) {
        int xid = nextXid.getAndIncrement();
        CompletableFuture<ByteBuf> reply = new CompletableFuture<>();
        pending.put(xid, reply);
        XdrWriter w = new XdrWriter(channel.alloc());
        new RpcCall(xid, Rpc.RPC_VERSION, program, version, procedure, credential, OpaqueAuth.NONE).encode(w);
        args.encode(w);
        channel.writeAndFlush(w.finish()).addListener(f -> {
            if (!f.isSuccess()) {
                fail(xid, f.cause());
            }
        });
        return reply;
    }

    private void fail(int xid, Throwable cause) {
        CompletableFuture<ByteBuf> f = pending.remove(xid);
        if (f != null) {
            f.completeExceptionally(cause);
        }
    }

    /** A reply arrived; true when it answers one of our calls (the record is then the caller's). */
    boolean complete(int xid, ByteBuf record) {
        CompletableFuture<ByteBuf> f = pending.remove(xid);
        if (f == null) {
            return false;
        }
        record.readerIndex(record.readerIndex() - 8); // back to the xid: the receiver decodes the whole header
        return f.complete(record);
    }

    /** The connection closed: every call waiting fails. */
    void closed() {
        for (Integer xid : pending.keySet()) {
            fail(xid, new java.io.IOException("connection closed"));
        }
    }
}
