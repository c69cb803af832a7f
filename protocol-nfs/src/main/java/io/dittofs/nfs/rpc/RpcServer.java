package io.dittofs.nfs.rpc;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One listening TCP socket (and optionally a UDP one on the same port) serving a
 * {@link RpcDispatcher}'s programs: over TCP, record marking with a size cap, then the
 * dispatcher's per-connection handler. Accepted connections join
 * {@code connections}, so their owner can count and close them.
 */
public final class RpcServer {
    private final Channel channel;
    private final @Nullable Channel udp;
    private final RpcDispatcher dispatcher;

    private RpcServer(Channel channel, @Nullable Channel udp, RpcDispatcher dispatcher) {
        this.channel = channel;
        this.udp = udp;
        this.dispatcher = dispatcher;
    }

    /** Binds and starts accepting; fails (nothing bound) when the port is taken. */
    public static RpcServer bind(
            EventLoopGroup group,
            InetAddress address,
            int port,
            RpcDispatcher dispatcher,
            int maxRecordSize,
            ChannelGroup connections)
            throws InterruptedException {
        NettyTransport nio = new NettyTransport(
                NettyTransport.Kind.NIO,
                group,
                NioServerSocketChannel.class,
                io.netty.channel.socket.nio.NioSocketChannel.class,
                NioDatagramChannel.class);
        return bind(nio, address, port, dispatcher, maxRecordSize, connections, false);
    }

    /**
     * Binds TCP and, with {@code alsoUdp}, UDP on the same port number (the TCP port, when 0 asked
     * for any).
     */
    public static RpcServer bind(
            NettyTransport transport,
            InetAddress address,
            int port,
            RpcDispatcher dispatcher,
            int maxRecordSize,
            ChannelGroup connections,
            boolean alsoUdp)
            throws InterruptedException {
        RecordMarkingEncoder encoder = new RecordMarkingEncoder();
        ServerBootstrap b = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast("framer", new RecordMarkingDecoder(maxRecordSize))
                                .addLast("encoder", encoder)
                                .addLast("rpc", dispatcher.newHandler());
                    }
                });
        Channel tcp = b.bind(address, port).sync().channel();
        if (!alsoUdp) {
            return new RpcServer(tcp, null, dispatcher);
        }
        try {
            Channel udp = new Bootstrap()
                    .group(transport.group())
                    .channel(transport.datagramChannel())
                    .handler(new RpcDatagramHandler(dispatcher))
                    .bind(address, ((InetSocketAddress) tcp.localAddress()).getPort())
                    .sync()
                    .channel();
            return new RpcServer(tcp, udp, dispatcher);
        } catch (InterruptedException | RuntimeException e) {
            tcp.close().syncUninterruptibly();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public RpcDispatcher dispatcher() {
        return dispatcher;
    }

    /** Whether UDP is served too. */
    public boolean servesUdp() {
        return udp != null;
    }

    /** Stops accepting (open connections stay) and closes the UDP socket. */
    public void close() {
        channel.close().syncUninterruptibly();
        if (udp != null) {
            udp.close().syncUninterruptibly();
        }
    }
}
