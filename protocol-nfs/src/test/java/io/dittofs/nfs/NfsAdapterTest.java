package io.dittofs.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Getattr3;
import io.dittofs.nfs.v3.xdr.Read3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.share.ShareOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter's life cycle and its behaviour on real sockets. */
class NfsAdapterTest {
    @BeforeAll
    static void listen() {
        Leaks.install();
    }

    @AfterAll
    static void noLeaks() {
        Leaks.assertNone();
    }

    @Test
    void statusListsTheEndpointsWhileRunningAndNoneWhenStopped() throws Exception {
        TestServer server = TestServer.start();
        AdapterStatus s = server.adapter.status();
        assertThat(s.state()).isEqualTo(AdapterStatus.State.RUNNING);
        assertThat(s.endpoints())
                .extracting(AdapterStatus.Endpoint::service)
                .containsExactly("nfs", "mount", "nlm", "portmap");
        assertThat(server.endpoint("nfs")).isEqualTo(server.endpoint("mount"));
        try (TestServer.Mounted m = server.mount()) {
            await().until(() -> server.adapter.status().connections() == 1);
        }
        server.close();
        assertThat(server.adapter.status().state()).isEqualTo(AdapterStatus.State.STOPPED);
        assertThat(server.adapter.status().endpoints()).isEmpty();
        server.close(); // idempotent
    }

    @Test
    void stopLetsCallsInFlightFinishBeforeClosingConnections() throws Exception {
        TestServer server = TestServer.start();
        TestServer.Mounted m = server.mount();
        server.delays.put("getAttributes", 500L);
        CompletableFuture<ByteBuf> slow =
                m.rpc().callAsync(100003, 3, 1, TestServer.USER, new io.dittofs.nfs.v3.xdr.HandleArgs3(m.root()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.callsRunning.get() > 0);
        server.close();
        ByteBuf reply = m.rpc().await(slow);
        try {
            assertThat(RpcClient.decode(reply, Getattr3.Res::decode)).isInstanceOf(Getattr3.Res.Ok.class);
        } finally {
            reply.release();
            m.close();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(
            value = io.dittofs.nfs.rpc.NettyTransport.Kind.class,
            names = {"NIO", "EPOLL"})
    void servesOverEitherTransport(io.dittofs.nfs.rpc.NettyTransport.Kind kind) throws Exception {
        if (kind == io.dittofs.nfs.rpc.NettyTransport.Kind.EPOLL) {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    io.netty.channel.epoll.Epoll.isAvailable(), "epoll is not available here");
        }
        var settings = NfsSettings.of(InetAddress.getLoopbackAddress(), 0, 0).withTransport(kind);
        try (TestServer server = TestServer.start(settings, ShareOptions.DEFAULTS);
                TestServer.Mounted m = server.mount()) {
            FileHandle3 f =
                    ((DirOpRes3.Ok) m.nfs().create(m.root(), "t", new Create3.How.Unchecked(Sattr3.NONE))).object();
            byte[] data = new byte[300_000];
            new Random(3).nextBytes(data);
            m.nfs().write(f, 0, data, Stability.FILE_SYNC);
            var r = (Read3.Ok) m.nfs().read(f, 0, data.length);
            try {
                assertThat(io.netty.buffer.ByteBufUtil.getBytes(r.data())).isEqualTo(data);
            } finally {
                r.data().release();
            }
            try (RpcClient pmap = server.connect("portmap")) {
                assertThat(new io.dittofs.nfs.client.PortmapClient(pmap).getPort(100003, 3))
                        .isEqualTo(server.nfsPort());
            }
        }
    }

    @Test
    void handlesStayValidAcrossAnAdapterRestartOnTheSamePort() throws Exception {
        TestServer server = TestServer.start();
        FileHandle3 f;
        int port = server.nfsPort();
        try (TestServer.Mounted m = server.mount()) {
            f = ((DirOpRes3.Ok) m.nfs().create(m.root(), "survivor", new Create3.How.Unchecked(Sattr3.NONE))).object();
            m.nfs().write(f, 0, new byte[] {42}, Stability.FILE_SYNC);
        }
        server.adapter.stop(Duration.ofSeconds(1));
        NfsAdapter again = new NfsAdapter(NfsSettings.of(InetAddress.getLoopbackAddress(), port, -1));
        again.start(server.runtime);
        try (RpcClient rpc = RpcClient.connect(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                1 << 20,
                Duration.ofSeconds(10))) {
            var nfs = new io.dittofs.nfs.client.Nfs3Client(rpc, TestServer.USER);
            var r = (Read3.Ok) nfs.read(f, 0, 10);
            try {
                assertThat(io.netty.buffer.ByteBufUtil.getBytes(r.data())).containsExactly(42);
            } finally {
                r.data().release();
            }
        } finally {
            again.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void startFailsCleanlyWhenThePortIsTaken() throws Exception {
        try (TestServer first = TestServer.start()) {
            TestServer second = new TestServer(NfsSettings.of(InetAddress.getLoopbackAddress(), first.nfsPort(), -1));
            second.addShare("export", ShareOptions.DEFAULTS);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.adapter.start(second.runtime))
                    .isInstanceOf(Exception.class);
            assertThat(second.adapter.status().state()).isEqualTo(AdapterStatus.State.STOPPED);
        }
    }

    @Test
    void anOversizedRecordClosesTheConnectionAndTheServerCarriesOn() throws Exception {
        var settings = NfsSettings.of(InetAddress.getLoopbackAddress(), 0, -1).withMaxRecordSize(1024 * 1024 + 4096);
        try (TestServer server = TestServer.start(settings, ShareOptions.DEFAULTS)) {
            RpcClient rpc = server.connect("nfs");
            ByteBuf header = Unpooled.buffer(4).writeInt(0x8000_0000 | (2 * 1024 * 1024));
            rpc.sendBytes(header);
            await().atMost(Duration.ofSeconds(5)).until(() -> !rpc.isOpen());
            rpc.close();
            try (TestServer.Mounted m = server.mount()) {
                assertThat(m.nfs().getattr(m.root())).isInstanceOf(Getattr3.Res.Ok.class);
            }
        }
    }

    @Test
    void garbageOnTheSocketNeverTakesTheServerDown() throws Exception {
        try (TestServer server = TestServer.start()) {
            Random random = new Random(5);
            for (int i = 0; i < 20; i++) {
                RpcClient rpc = server.connect("nfs");
                byte[] junk = new byte[random.nextInt(2000)];
                random.nextBytes(junk);
                rpc.sendBytes(Unpooled.wrappedBuffer(junk));
                rpc.close();
            }
            try (TestServer.Mounted m = server.mount()) {
                assertThat(m.nfs().getattr(m.root())).isInstanceOf(Getattr3.Res.Ok.class);
            }
        }
    }

    @Test
    void aSlowCallDoesNotHoldUpTheRepliesBehindItOnTheSameConnection() throws Exception {
        try (TestServer server = TestServer.start();
                TestServer.Mounted m = server.mount()) {
            var link = (DirOpRes3.Ok) m.nfs().symlink(m.root(), "slow", "target", Sattr3.NONE);
            server.delays.put("readLink", 1500L);
            CompletableFuture<ByteBuf> slow = m.rpc()
                    .callAsync(100003, 3, 5, TestServer.USER, new io.dittofs.nfs.v3.xdr.HandleArgs3(link.object()));
            CompletableFuture<ByteBuf> fast =
                    m.rpc().callAsync(100003, 3, 1, TestServer.USER, new io.dittofs.nfs.v3.xdr.HandleArgs3(m.root()));
            m.rpc().await(fast).release();
            assertThat(slow).as("the earlier, slow call is still running").isNotDone();
            m.rpc().await(slow).release();
        }
    }

    @Test
    void clientsWorkingAtOnceSeeTheirOwnFilesIntact() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int client = c;
                workers.add(CompletableFuture.runAsync(
                        () -> {
                            try (TestServer.Mounted m = server.mount()) {
                                FileHandle3 dir =
                                        ((DirOpRes3.Ok) m.nfs().mkdir(m.root(), "c" + client, Sattr3.NONE)).object();
                                Random r = new Random(client);
                                for (int i = 0; i < 30; i++) {
                                    byte[] data = new byte[r.nextInt(70_000)];
                                    r.nextBytes(data);
                                    FileHandle3 f = ((DirOpRes3.Ok)
                                                    m.nfs().create(dir, "f" + i, new Create3.How.Guarded(Sattr3.NONE)))
                                            .object();
                                    m.nfs().write(f, 0, data, Stability.UNSTABLE);
                                    var read = (Read3.Ok) m.nfs().read(f, 0, data.length + 1);
                                    try {
                                        assertThat(io.netty.buffer.ByteBufUtil.getBytes(read.data()))
                                                .isEqualTo(data);
                                    } finally {
                                        read.data().release();
                                    }
                                    if (i % 3 == 0) {
                                        m.nfs().remove(dir, "f" + i);
                                    }
                                }
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void manyCallsInFlightOnOneConnectionAreAllAnswered() throws Exception {
        var settings = NfsSettings.of(InetAddress.getLoopbackAddress(), 0, -1).withMaxInFlightPerConnection(4);
        try (TestServer server = TestServer.start(settings, ShareOptions.DEFAULTS);
                TestServer.Mounted m = server.mount()) {
            FileHandle3 f =
                    ((DirOpRes3.Ok) m.nfs().create(m.root(), "big", new Create3.How.Unchecked(Sattr3.NONE))).object();
            m.nfs().write(f, 0, new byte[1024 * 1024], Stability.UNSTABLE);
            List<CompletableFuture<ByteBuf>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                var args = i % 10 == 0
                        ? (io.dittofs.nfs.xdr.XdrEncodable) new Read3.Args(f, 0, 1024 * 1024)
                        : new io.dittofs.nfs.v3.xdr.HandleArgs3(f);
                calls.add(m.rpc().callAsync(100003, 3, i % 10 == 0 ? 6 : 1, TestServer.USER, args));
            }
            for (CompletableFuture<ByteBuf> c : calls) {
                ByteBuf reply = m.rpc().await(c);
                reply.release();
            }
        }
    }
}
