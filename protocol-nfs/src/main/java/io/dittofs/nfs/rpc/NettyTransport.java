package io.dittofs.nfs.rpc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The I/O transport: an event loop group and the channel classes that go with it. Linux epoll
 * when asked for (or, with {@link Kind#AUTO}, when its native library loads), NIO otherwise.
 *
 * @param kind what was chosen (never AUTO)
 * @param group the event loops; the owner shuts them down
 */
public record NettyTransport(
        Kind kind,
        EventLoopGroup group,
        Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel,
        Class<? extends DatagramChannel> datagramChannel) {

    /** Which transport to use. */
    public enum Kind {
        /** Epoll when available, else NIO. */
        AUTO,
        NIO,
        EPOLL
    }

    /** Creates the event loops ({@code threads} 0: Netty's default, twice the cores). */
    public static NettyTransport create(Kind kind, int threads) {
        boolean epoll =
                switch (kind) {
                    case AUTO -> Epoll.isAvailable();
                    case EPOLL -> {
                        Epoll.ensureAvailability();
                        yield true;
                    }
                    case NIO -> false;
                };
        if (epoll) {
            return new NettyTransport(
                    Kind.EPOLL,
                    new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
                    EpollServerSocketChannel.class,
                    EpollSocketChannel.class,
                    EpollDatagramChannel.class);
        }
        return new NettyTransport(
                Kind.NIO,
                new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
                NioServerSocketChannel.class,
                NioSocketChannel.class,
                NioDatagramChannel.class);
    }
}
