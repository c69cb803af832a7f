package io.dittofs.nfs.client;

import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.rpc.RecordMarkingDecoder;
import io.dittofs.nfs.rpc.RecordMarkingEncoder;
import io.dittofs.nfs.rpc.Rpc;
import io.dittofs.nfs.rpc.RpcCall;
import io.dittofs.nfs.rpc.RpcReply;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An ONC-RPC client over one TCP connection (RFC 5531): many calls in flight, replies matched by
 * xid. For tests and benchmarks, not for production mounts.
 *
 * <p>Threading: safe from any thread.
 */
public final class RpcClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final Map<Integer, CompletableFuture<ByteBuf>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger xids = new AtomicInteger((int) System.nanoTime());
    private final Duration timeout;

    private RpcClient(EventLoopGroup group, Channel channel, Duration timeout) {
        this.group = group;
        this.channel = channel;
        this.timeout = timeout;
    }

    /** Connects to {@code server}; replies may be up to {@code maxRecordSize} bytes. */
    public static RpcClient connect(InetSocketAddress server, int maxRecordSize, Duration timeout) throws IOException {
        return connect(server, null, maxRecordSize, timeout);
    }

    /**
     * Connects to {@code server} from {@code local} (a reserved port, to test "secure" exports;
     * null for any).
     */
    public static RpcClient connect(
            InetSocketAddress server, @Nullable InetSocketAddress local, int maxRecordSize, Duration timeout)
            throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        RpcClient[] self = new RpcClient[1];
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new RecordMarkingDecoder(maxRecordSize))
                                .addLast(new RecordMarkingEncoder())
                                .addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                        self[0].received(msg);
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        if (self[0] != null) {
                                            self[0].failAll(new IOException("connection closed"));
                                        }
                                    }
                                });
                    }
                });
        try {
            Channel ch = (local == null ? b.connect(server) : b.connect(server, local))
                    .sync()
                    .channel();
            self[0] = new RpcClient(group, ch, timeout);
            return self[0];
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted connecting to " + server, e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot connect to " + server, e);
        }
    }

    /** Answers a call the server makes on this connection: writes the results of {@code call}. */
    @FunctionalInterface
    public interface CallHandler {
        void call(RpcCall call, XdrReader args, XdrWriter results);
    }

    private volatile @Nullable CallHandler callHandler;

    /**
     * Serves the calls the server sends on this connection (an NFSv4.1 back channel, RFC 8881
     * section 2.10.3.1) with {@code handler}, on the connection's event loop: it must not block.
     * Without a handler such calls are dropped.
     */
    public void serveCalls(CallHandler handler) {
        callHandler = handler;
    }

    private void received(ByteBuf record) {
        if (record.readableBytes() < 4) {
            return;
        }
        CallHandler handler = callHandler;
        if (handler != null && record.readableBytes() >= 8 && record.getInt(record.readerIndex() + 4) == Rpc.CALL) {
            XdrReader in = new XdrReader(record);
            int xid = in.readInt();
            in.readInt();
            RpcCall call = RpcCall.decodeBody(xid, in);
            XdrWriter out = new XdrWriter(channel.alloc());
            new RpcReply.Success(xid, OpaqueAuth.NONE).encode(out);
            try {
                handler.call(call, in, out);
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
            channel.writeAndFlush(out.finish());
            return;
        }
        CompletableFuture<ByteBuf> f = pending.remove(record.getInt(record.readerIndex()));
        if (f != null && !f.complete(record.retain())) {
            record.release();
        }
    }

    private void failAll(Throwable cause) {
        pending.values().forEach(f -> f.completeExceptionally(cause));
        pending.clear();
    }

    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** Whether the connection is open. */
    public boolean isOpen() {
        return channel.isActive();
    }

    public int nextXid() {
        return xids.incrementAndGet();
    }

    /**
     * Sends a whole record as given (a call built by hand, or garbage) and returns the future of
     * the reply record with {@code xid}; the caller releases the reply.
     */
    public CompletableFuture<ByteBuf> sendRaw(int xid, ByteBuf record) {
        CompletableFuture<ByteBuf> f = new CompletableFuture<>();
        pending.put(xid, f);
        channel.writeAndFlush(record).addListener(w -> {
            if (!w.isSuccess()) {
                pending.remove(xid);
                f.completeExceptionally(w.cause());
            }
        });
        return f;
    }

    /** Sends bytes that are not a record (broken framing); no reply is awaited. */
    public void sendBytes(ByteBuf bytes) {
        channel.pipeline().firstContext().writeAndFlush(bytes);
    }

    /** Starts a call; the future completes with the reply record (its caller releases it). */
    public CompletableFuture<ByteBuf> callAsync(
            int program, int version, int procedure, OpaqueAuth credential, XdrEncodable args) {
        int xid = nextXid();
        XdrWriter w = new XdrWriter(channel.alloc());
        new RpcCall(xid, Rpc.RPC_VERSION, program, version, procedure, credential, OpaqueAuth.NONE).encode(w);
        args.encode(w);
        return sendRaw(xid, w.finish());
    }

    /**
     * Calls and waits; decodes the results with {@code results}. Fails with {@link RpcException}
     * when the reply is not SUCCESS.
     */
    public <T> T call(
            int program,
            int version,
            int procedure,
            OpaqueAuth credential,
            XdrEncodable args,
            Function<XdrReader, T> results) {
        ByteBuf reply = await(callAsync(program, version, procedure, credential, args));
        try {
            return decode(reply, results);
        } finally {
            reply.release();
        }
    }

    /** Decodes a reply record: the header, then the results on SUCCESS. */
    public static <T> T decode(ByteBuf reply, Function<XdrReader, T> results) {
        XdrReader in = new XdrReader(reply);
        RpcReply header = RpcReply.decode(in);
        if (!(header instanceof RpcReply.Success)) {
            throw new RpcException(header);
        }
        return results.apply(in);
    }

    /** Waits for a reply future up to the client's timeout. */
    public ByteBuf await(CompletableFuture<ByteBuf> f) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            f.thenAccept(ByteBuf::release); // a late reply is nobody's
            throw new IllegalStateException("no reply within " + timeout, e);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        failAll(new IOException("client closed"));
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
