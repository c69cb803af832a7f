package io.dittofs.smb;

import io.dittofs.runtime.DittoRuntime;
import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.adapter.ProtocolAdapter;
import io.dittofs.smb.handlers.PersistentHandles;
import io.dittofs.smb.handlers.Smb1NegotiateHandler;
import io.dittofs.smb.handlers.Smb2Dispatch;
import io.dittofs.smb.server.RequestPipeline;
import io.dittofs.smb.server.SmbServer;
import io.dittofs.smb.transport.InFlight;
import io.dittofs.smb.transport.SmbConnectionHandler;
import io.dittofs.smb.transport.SmbFrameDecoder;
import io.dittofs.smb.transport.SmbFrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMB2/3 protocol adapter: listens on direct TCP (MS-SMB2 2.1) and serves the runtime's shares.
 *
 * <p>Threading: {@link #start} and {@link #stop} are called by the daemon, synchronized on the
 * adapter; {@link #status} may be called from any thread.
 */
public final class SmbAdapter implements ProtocolAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmbAdapter.class);
    /** Frames served at once across all connections. */
    private static final int GLOBAL_IN_FLIGHT = 1024;
    /** Frames in flight on one connection before reading pauses. */
    private static final int CONNECTION_IN_FLIGHT = 64;

    /** A new virtual thread per frame: request work never runs on an event loop. */
    private static final java.util.concurrent.Executor VIRTUAL_THREADS =
            r -> Thread.ofVirtual().name("smb-request").start(r);

    private final SmbSettings settings;
    private volatile AdapterStatus.State state = AdapterStatus.State.STOPPED;
    private @Nullable EventLoopGroup group;
    private @Nullable Channel listener;
    private @Nullable ChannelGroup channels;
    private @Nullable InFlight inFlight;

    public SmbAdapter(SmbSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "smb";
    }

    @Override
    public synchronized void start(DittoRuntime runtime) throws Exception {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        state = AdapterStatus.State.STARTING;
        SmbServer server = new SmbServer(runtime, settings, Smb2Dispatch.table());
        // Persistent handles saved before a restart wait again for their clients (MS-SMB2 3.3.5.9.12).
        server.fileIdsAbove(PersistentHandles.restore(server));
        RequestPipeline pipeline = new RequestPipeline(server, new Smb1NegotiateHandler(server));
        InFlight global = new InFlight(GLOBAL_IN_FLIGHT);
        ChannelGroup all = new DefaultChannelGroup("smb", GlobalEventExecutor.INSTANCE);
        SmbFrameEncoder encoder = new SmbFrameEncoder(settings.maxFrameBytes());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(loops)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            all.add(ch);
                            ch.pipeline()
                                    .addLast("frame-decoder", new SmbFrameDecoder(settings.maxFrameBytes()))
                                    .addLast("frame-encoder", encoder)
                                    .addLast(
                                            "smb",
                                            new SmbConnectionHandler(
                                                    server, pipeline, VIRTUAL_THREADS, global, CONNECTION_IN_FLIGHT));
                        }
                    });
            Channel ch = b.bind(settings.bindAddress(), settings.port()).sync().channel();
            all.add(ch);
            group = loops;
            listener = ch;
            channels = all;
            inFlight = global;
            state = AdapterStatus.State.RUNNING;
            LOG.info("SMB listening on {}", ch.localAddress());
        } catch (Exception e) {
            state = AdapterStatus.State.FAILED;
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public synchronized void stop(Duration grace) {
        Channel l = listener;
        EventLoopGroup g = group;
        ChannelGroup all = channels;
        if (l == null || g == null || all == null) {
            return;
        }
        state = AdapterStatus.State.STOPPING;
        l.close().awaitUninterruptibly();
        // Requests already read are finished (for at most the grace), then every connection closes.
        InFlight work = inFlight;
        if (work != null && !work.awaitIdle(grace)) {
            LOG.warn("SMB stopping with requests still in flight after {}", grace);
        }
        all.close().awaitUninterruptibly(grace.toMillis());
        g.shutdownGracefully(0, Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
        listener = null;
        group = null;
        channels = null;
        inFlight = null;
        state = AdapterStatus.State.STOPPED;
    }

    @Override
    public AdapterStatus status() {
        Channel l = listener;
        ChannelGroup all = channels;
        List<AdapterStatus.Endpoint> endpoints = l == null
                ? List.of()
                : List.of(new AdapterStatus.Endpoint("smb", (InetSocketAddress) l.localAddress()));
        int connections = all == null ? 0 : Math.max(0, all.size() - 1);
        return new AdapterStatus(name(), state, endpoints, connections);
    }

    /** The bound port (for tests that bind port 0); -1 when not running. */
    public int port() {
        Channel l = listener;
        return l == null ? -1 : ((InetSocketAddress) l.localAddress()).getPort();
    }
}
