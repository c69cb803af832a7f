package io.dittofs.nfs.v4;

import io.dittofs.nfs.rpc.DuplicateRequestCache;
import io.dittofs.nfs.rpc.RpcDispatcher;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.rpc.RpcServer;
import io.dittofs.nfs.rpc.SysAuthenticator;
import io.dittofs.runtime.auth.Protocol;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The callback side of an NFSv4.0 client for tests (RFC 7530 section 17): an RPC server for the
 * callback program that answers CB_NULL and CB_COMPOUND (every operation NFS4_OK) and records
 * each call.
 */
final class CallbackListener implements AutoCloseable {
    static final int PROGRAM = 0x40000123;
    private static final int OP_CB_RECALL = 4;

    /** A call received: CB_NULL (procedure 0), or a CB_COMPOUND with its CB_RECALL's stateid and handle. */
    record Call(int procedure, int minorVersion, int ident, byte @Nullable [] stateid, byte @Nullable [] fh) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final RpcServer server;

    CallbackListener() throws InterruptedException {
        RpcProgram program = new RpcProgram() {
            @Override
            public int program() {
                return PROGRAM;
            }

            @Override
            public int lowVersion() {
                return 1;
            }

            @Override
            public int highVersion() {
                return 1;
            }

            @Override
            public @Nullable RpcProcedure procedure(int version, int procedure) {
                return switch (procedure) {
                    case 0 -> (ctx, args, results) -> calls.add(new Call(0, -1, -1, null, null));
                    case 1 ->
                        (ctx, args, results) -> {
                            byte[] tag = args.readOpaque(64);
                            int minor = args.readInt();
                            int ident = args.readInt();
                            int n = args.readInt();
                            byte[] sid = null;
                            byte[] fh = null;
                            for (int i = 0; i < n; i++) {
                                if (args.readInt() != OP_CB_RECALL) {
                                    throw new AssertionError("only CB_RECALL is expected");
                                }
                                sid = args.readFixedOpaque(16);
                                args.readBoolean();
                                fh = args.readOpaque(128);
                            }
                            calls.add(new Call(1, minor, ident, sid, fh));
                            results.writeInt(0).writeOpaque(tag).writeInt(n);
                            for (int i = 0; i < n; i++) {
                                results.writeInt(OP_CB_RECALL).writeInt(0);
                            }
                        };
                    default -> null;
                };
            }
        };
        RpcDispatcher d = new RpcDispatcher(
                List.of(program),
                new SysAuthenticator(Protocol.NFS4),
                Executors.newVirtualThreadPerTaskExecutor(),
                new DuplicateRequestCache(16),
                16);
        server = RpcServer.bind(
                group,
                InetAddress.getLoopbackAddress(),
                0,
                d,
                1 << 20,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    }

    /** The universal address of the listener (RFC 5665 section 5.2.3.3). */
    String universalAddress() {
        int port = server.address().getPort();
        return "127.0.0.1." + (port >> 8) + "." + (port & 0xFF);
    }

    /** The next call received, waiting up to ten seconds; fails when none comes. */
    Call next() throws InterruptedException {
        Call c = calls.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no callback arrived");
        }
        return c;
    }

    boolean isQuiet() {
        return calls.isEmpty();
    }

    @Override
    public void close() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
