package io.dittofs.smb.transport;

import io.dittofs.smb.handlers.DurableHandles;
import io.dittofs.smb.handlers.Smb2CloseHandler;
import io.dittofs.smb.server.Connection;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.RequestPipeline;
import io.dittofs.smb.server.SmbServer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the Netty pipeline: hands each frame to a virtual thread that runs the request
 * pipeline, so the event loop only frames, decodes and encodes. In-flight frames are bounded per
 * connection, in number and in bytes (reading stops while either is saturated), and server-wide
 * (a semaphore the virtual threads wait on). The byte bound is what the connection's credits
 * cover, 64 KiB each (MS-SMB2 3.3.5.2.5): a client that keeps to its credit window never meets
 * it, one that does not cannot make the server buffer more than that before the credit check. On close, the connection's opens are closed (delete-on-close included).
 *
 * <p>Threading: Netty callbacks on the channel's event loop; request work on virtual threads.
 */
public final class SmbConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmbConnectionHandler.class);
    /** The payload one credit covers under large MTU (MS-SMB2 3.3.5.2.5). */
    private static final long CREDIT_BYTES = 65536;

    private final SmbServer server;
    private final RequestPipeline pipeline;
    private final Executor executor;
    private final InFlight global;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final long maxInFlightBytes;
    private Connection connection;

    /**
     * @param executor runs each frame's work: a new virtual thread per frame in the adapter, the
     *     calling thread in codec tests
     */
    public SmbConnectionHandler(
            SmbServer server, RequestPipeline pipeline, Executor executor, InFlight global, int maxInFlight) {
        this.server = server;
        this.pipeline = pipeline;
        this.executor = executor;
        this.global = global;
        this.maxInFlight = maxInFlight;
        this.maxInFlightBytes = (long) server.settings().maxCredits() * CREDIT_BYTES;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        InetSocketAddress remote = ch.remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress(0);
        connection = new Connection(
                remote,
                frame -> ch.writeAndFlush(frame),
                () -> ch.close(),
                ch.alloc(),
                server.settings().maxCredits(),
                server::nextFileId);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        int bytes = frame.readableBytes();
        // Non-short-circuit: both counters move on every frame.
        if (inFlight.incrementAndGet() >= maxInFlight | inFlightBytes.addAndGet(bytes) >= maxInFlightBytes) {
            ctx.channel().config().setAutoRead(false);
        }
        Connection conn = connection;
        global.accepted();
        executor.execute(() -> {
            boolean entered = false;
            try {
                global.enter();
                entered = true;
                pipeline.process(conn, frame);
            } catch (RuntimeException e) {
                LOG.error("request from {} failed outside a handler", conn.client(), e);
                conn.close();
            } finally {
                frame.release();
                global.exit(entered);
                if (inFlight.decrementAndGet() < maxInFlight & inFlightBytes.addAndGet(-bytes) < maxInFlightBytes
                        && !ctx.channel().config().isAutoRead()) {
                    ctx.channel().config().setAutoRead(true);
                }
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Connection conn = connection;
        if (conn != null) {
            conn.cancelAll();
        }
        if (conn != null && !conn.opens().isEmpty()) {
            executor.execute(() -> {
                for (Open o : conn.opens()) {
                    try {
                        if (DurableHandles.preserve(server, conn, o)) {
                            continue; // MS-SMB2 3.3.7.1: kept for its client to reconnect
                        }
                        Smb2CloseHandler.closeOpen(server, conn, o);
                    } catch (RuntimeException e) {
                        LOG.warn("closing {} after disconnect failed: {}", o.path(), e.toString());
                    }
                }
            });
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
