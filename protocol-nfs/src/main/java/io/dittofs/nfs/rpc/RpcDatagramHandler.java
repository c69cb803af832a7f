package io.dittofs.nfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;

/**
 * ONC-RPC over UDP (RFC 5531 section 11 does no record marking on datagrams: one datagram, one
 * message), for the portmapper, which clients often ask over UDP. Calls run on the dispatcher's
 * executor like TCP ones; replies go back to the sender.
 *
 * <p>Threading: reads on the channel's event loop; stateless otherwise.
 */
public final class RpcDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final RpcDispatcher dispatcher;

    public RpcDatagramHandler(RpcDispatcher dispatcher) {
        super(DatagramPacket.class, false);
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        boolean handedOff = false;
        try {
            InetSocketAddress sender = packet.sender();
            ByteBuf record = packet.content();
            RpcCalls.Routed routed = RpcCalls.route(dispatcher, record, sender, packet.recipient(), ctx.alloc(), null);
            switch (routed) {
                case RpcCalls.Routed.Close c -> {}
                case RpcCalls.Routed.Ignore i -> {}
                case RpcCalls.Routed.Reply r -> {}
                case RpcCalls.Routed.Answer a ->
                    ctx.writeAndFlush(new DatagramPacket(RpcCalls.encode(ctx.alloc(), a.header()), sender));
                case RpcCalls.Routed.Dispatch d -> {
                    try {
                        dispatcher.executor().execute(() -> {
                            try {
                                ByteBuf reply = RpcCalls.execute(dispatcher, d.call(), d.procedure(), record);
                                if (reply != null) {
                                    ctx.writeAndFlush(new DatagramPacket(reply, sender));
                                }
                            } finally {
                                packet.release();
                            }
                        });
                        handedOff = true;
                    } catch (RejectedExecutionException e) {
                        // shutting down: drop it
                    }
                }
            }
        } finally {
            if (!handedOff) {
                packet.release();
            }
        }
    }
}
