package io.dittofs.nfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves the RPC calls of one connection (RFC 5531 section 9). On the event loop it reads the
 * call header, answers what needs no work (RPC_MISMATCH, PROG_UNAVAIL, PROG_MISMATCH,
 * PROC_UNAVAIL, AUTH_ERROR) and hands every other call to the dispatcher's executor, which runs
 * the procedure and writes the reply with {@code writeAndFlush}: replies leave in completion
 * order, not call order. When {@code maxInFlightPerConnection} calls of this connection, or the
 * dispatcher's {@code maxInFlightTotal} calls of all connections, are running, the handler stops
 * reading from the socket until one finishes.
 *
 * <p>Threading: {@link #channelRead} and the in-flight bookkeeping run on the channel's event
 * loop; procedures run on the executor and touch no field of this handler.
 */
public final class RpcServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RpcServerHandler.class);

    private final RpcDispatcher dispatcher;
    private int inFlight; // event loop only
    private @Nullable ChannelHandlerContext ctx; // set when added
    private @Nullable Backchannel backchannel; // set when added

    RpcServerHandler(RpcDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.backchannel = new Backchannel(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (backchannel != null) {
            backchannel.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf record)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean handedOff = false;
        try {
            handedOff = route(ctx, record);
        } finally {
            if (!handedOff) {
                record.release();
            }
        }
    }

    /** Answers or dispatches one record; true when the record went to the executor. */
    private boolean route(ChannelHandlerContext ctx, ByteBuf record) {
        RpcCalls.Routed routed = RpcCalls.route(
                dispatcher,
                record,
                (InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress(),
                ctx.alloc(),
                backchannel);
        switch (routed) {
            case RpcCalls.Routed.Close c -> {
                ctx.close();
                return false;
            }
            case RpcCalls.Routed.Ignore i -> {
                return false;
            }
            case RpcCalls.Routed.Reply r -> {
                return backchannel != null && backchannel.complete(r.xid(), record);
            }
            case RpcCalls.Routed.Answer a -> {
                ctx.writeAndFlush(RpcCalls.encode(ctx.alloc(), a.header()));
                return false;
            }
            case RpcCalls.Routed.Dispatch d -> {
                started(ctx);
                try {
                    dispatcher.executor().execute(() -> execute(ctx, d.call(), d.procedure(), record));
                } catch (RejectedExecutionException e) {
                    finished(ctx); // shutting down: drop the call, the client will retry elsewhere
                    return false;
                }
                return true;
            }
        }
    }

    private void started(ChannelHandlerContext ctx) {
        inFlight++;
        int total = dispatcher.inFlightCounter().incrementAndGet();
        if (inFlight >= dispatcher.maxInFlightPerConnection() || total >= dispatcher.maxInFlightTotal()) {
            ctx.channel().config().setAutoRead(false);
            if (total >= dispatcher.maxInFlightTotal()) {
                dispatcher.pause(this);
            }
        }
    }

    private void finished(ChannelHandlerContext ctx) {
        inFlight--;
        dispatcher.inFlightCounter().decrementAndGet();
        resumeIfBelowLimits(ctx);
        dispatcher.resumePaused();
    }

    /** Called by the dispatcher from any thread once the server is below its global limit. */
    void resume() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.channel().eventLoop().execute(() -> resumeIfBelowLimits(c));
        }
    }

    private void resumeIfBelowLimits(ChannelHandlerContext ctx) {
        if (ctx.channel().config().isAutoRead() || inFlight >= dispatcher.maxInFlightPerConnection()) {
            return;
        }
        if (dispatcher.inFlightCounter().get() >= dispatcher.maxInFlightTotal()) {
            dispatcher.pause(this);
            return;
        }
        ctx.channel().config().setAutoRead(true);
    }

    /** Runs on the executor: the duplicate request cache, the procedure, the reply. */
    private void execute(ChannelHandlerContext ctx, RpcCallContext call, RpcProcedure procedure, ByteBuf record) {
        boolean replied = false;
        MDC.put("client", call.client().toString());
        MDC.put("xid", Integer.toHexString(call.call().xid()));
        long started = System.nanoTime();
        int bytesIn = record.writerIndex(); // the whole record: the header was read already
        try {
            ByteBuf reply = RpcCalls.execute(dispatcher, call, procedure, record);
            RpcCall c = call.call();
            dispatcher
                    .metrics()
                    .request(
                            RpcNames.program(c.program(), c.version()),
                            RpcNames.procedure(c.program(), c.version(), c.procedure()),
                            System.nanoTime() - started,
                            reply != null,
                            bytesIn,
                            reply == null ? 0 : reply.readableBytes());
            if (reply != null) {
                ctx.writeAndFlush(reply).addListener(f -> finished(ctx));
                replied = true;
            }
        } finally {
            MDC.clear();
            record.release();
            if (!replied) {
                ctx.channel().eventLoop().execute(() -> finished(ctx));
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
