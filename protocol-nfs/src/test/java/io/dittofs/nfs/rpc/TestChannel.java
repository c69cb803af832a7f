package io.dittofs.nfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HexFormat;

/** An EmbeddedChannel that looks like a TCP connection from 127.0.0.1:{@code clientPort}. */
public final class TestChannel extends EmbeddedChannel {
    private final int clientPort;

    public TestChannel(int clientPort, ChannelHandler... handlers) {
        super(false, false);
        this.clientPort = clientPort;
        pipeline().addLast(handlers);
        try {
            register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return new InetSocketAddress("127.0.0.1", clientPort);
    }

    @Override
    protected SocketAddress localAddress0() {
        return new InetSocketAddress("127.0.0.1", 2049);
    }

    /** Everything written out since the last call, concatenated, as hex; the buffers are released. */
    public String drainOutboundHex() {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = readOutbound()) != null) {
            sb.append(HexFormat.of().formatHex(ByteBufUtil.getBytes(b)));
            b.release();
        }
        return sb.toString();
    }
}
