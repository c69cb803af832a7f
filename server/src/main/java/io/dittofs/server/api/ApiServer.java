package io.dittofs.server.api;

import io.dittofs.server.control.ControlPlane;
import io.dittofs.server.control.ControlTarget;
import io.dittofs.server.metrics.ServerMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's HTTP server: Netty's HTTP/1.1 codec, bodies aggregated up to
 * {@link #MAX_BODY} bytes, and each request run on a virtual thread (handlers touch the state
 * file and stores; the event loop never does). At most {@link #MAX_IN_FLIGHT} requests run at
 * once; more wait for a slot.
 */
public final class ApiServer {
    static final int MAX_BODY = 1 << 20;
    private static final int MAX_IN_FLIGHT = 64;

    private final EventLoopGroup group;
    private final Channel channel;
    private final ExecutorService executor;
    private final Router router;

    private ApiServer(EventLoopGroup group, Channel channel, ExecutorService executor, Router router) {
        this.group = group;
        this.channel = channel;
        this.executor = executor;
        this.router = router;
    }

    public static ApiServer start(
            InetSocketAddress address, ControlTarget target, ControlPlane control, ServerMetrics metrics)
            throws IOException, InterruptedException {
        Tokens tokens = Tokens.open(
                control.effectiveConfig().server().dataDir().resolve("control").resolve("jwt.key"), Clock.systemUTC());
        Router router = Routes.build(target, control, tokens, new LoginLimiter(Clock.systemUTC()), metrics);
        ApiDispatcher dispatcher = new ApiDispatcher(router, tokens, metrics);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("api-", 0).factory());
        Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline()
                                    .addLast(new ReadTimeoutHandler(60, TimeUnit.SECONDS))
                                    .addLast(new HttpServerCodec(8192, 16384, 8192))
                                    .addLast(new HttpServerExpectContinueHandler())
                                    .addLast(new HttpObjectAggregator(MAX_BODY))
                                    .addLast(new Handler(dispatcher, executor, slots));
                        }
                    })
                    .bind(address)
                    .sync()
                    .channel();
            return new ApiServer(group, ch, executor, router);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            executor.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The routes served, for the OpenAPI test. */
    public Router router() {
        return router;
    }

    public void stop() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        executor.shutdown();
    }

    /** One connection's handler: copies the request out of Netty and answers from a virtual thread. */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ApiDispatcher dispatcher;
        private final ExecutorService executor;
        private final Semaphore slots;

        Handler(ApiDispatcher dispatcher, ExecutorService executor, Semaphore slots) {
            this.dispatcher = dispatcher;
            this.executor = executor;
            this.slots = slots;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
            boolean keepAlive = HttpUtil.isKeepAlive(msg);
            if (!msg.decoderResult().isSuccess()) {
                write(ctx, ApiResponse.error(400, "bad_request", null, "malformed HTTP request"), false);
                return;
            }
            QueryStringDecoder q = new QueryStringDecoder(msg.uri());
            Map<String, String> headers = new HashMap<>();
            msg.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            byte[] body = ByteBufUtil.getBytes(msg.content()); // small (bounded by MAX_BODY), read once
            ApiRequest req = new ApiRequest(
                    msg.method().name(),
                    q.path(),
                    Map.of(),
                    q.parameters(),
                    headers,
                    body,
                    (InetSocketAddress) ctx.channel().remoteAddress(),
                    null);
            ctx.channel().config().setAutoRead(false); // one request at a time per connection
            executor.execute(() -> {
                ApiResponse r;
                slots.acquireUninterruptibly();
                try {
                    r = dispatcher.dispatch(req);
                } finally {
                    slots.release();
                }
                ctx.executor().execute(() -> {
                    write(ctx, r, keepAlive);
                    ctx.channel().config().setAutoRead(true);
                });
            });
        }

        private static void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
            byte[] bytes = r.raw() != null ? r.raw() : r.json() == null ? new byte[0] : Json.write(r.json());
            FullHttpResponse resp = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(bytes));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            if (r.etag() != null) {
                resp.headers().set(HttpHeaderNames.ETAG, "\"" + r.etag() + "\"");
            }
            if (r.status() == 429) {
                resp.headers().set(HttpHeaderNames.RETRY_AFTER, "60");
            }
            HttpUtil.setKeepAlive(resp, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(resp);
            } else {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken or timed-out connection: nothing to answer
        }
    }
}
