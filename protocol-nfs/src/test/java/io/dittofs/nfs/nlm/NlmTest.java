package io.dittofs.nfs.nlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dittofs.nfs.NfsSettings;
import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.client.NlmClient;
import io.dittofs.nfs.portmap.PortmapProgram;
import io.dittofs.nfs.portmap.Registration;
import io.dittofs.nfs.rpc.DuplicateRequestCache;
import io.dittofs.nfs.rpc.RpcDispatcher;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.rpc.RpcServer;
import io.dittofs.nfs.rpc.SysAuthenticator;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.LockOwner;
import io.dittofs.runtime.lock.LockType;
import io.dittofs.runtime.share.ShareOptions;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NLM v4 over the runtime's lock manager, with a fake client lock manager receiving GRANTED. */
class NlmTest {
    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Nlm4Args.Test> grantedCallbacks = new CopyOnWriteArrayList<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private final List<String> results = new CopyOnWriteArrayList<>();
    private RpcServer clientSide;
    private TestServer server;
    private TestServer.Mounted m;
    private NlmClient nlm;
    private FileHandle3 file;

    /** The client host's portmapper and lock manager, on one port, recording GRANTED. */
    private RpcServer startClientSide() throws Exception {
        RpcProgram clientNlm = new RpcProgram() {
            @Override
            public int program() {
                return Nlm4.PROGRAM;
            }

            @Override
            public int lowVersion() {
                return 4;
            }

            @Override
            public int highVersion() {
                return 4;
            }

            @Override
            public @Nullable RpcProcedure procedure(int version, int procedure) {
                return switch (procedure) {
                    case Nlm4.NLMPROC4_GRANTED ->
                        (ctx, in, out) -> {
                            Nlm4Args.Test args = Nlm4Args.Test.decode(in);
                            grantedCallbacks.add(args);
                            new Nlm4Args.Res(args.cookie(), Nlm4.NLM4_GRANTED).encode(out);
                        };
                    case Nlm4.NLMPROC4_LOCK_RES ->
                        (ctx, in, out) -> results.add(
                                "LOCK_RES " + Nlm4Args.Res.decode(in).stat());
                    case Nlm4.NLMPROC4_TEST_RES ->
                        (ctx, in, out) -> results.add(
                                "TEST_RES " + Nlm4Args.TestRes.decode(in).stat());
                    default -> null;
                };
            }
        };
        RpcProgram clientStatd = new RpcProgram() {
            @Override
            public int program() {
                return Nlm4.NSM_PROGRAM;
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
                return procedure != Nlm4.SM_NOTIFY
                        ? null
                        : (ctx, in, out) -> notifications.add(in.readString(1024) + " state " + in.readInt());
            }
        };
        RpcServer[] self = new RpcServer[1];
        RpcProgram pmap = new RpcProgram() {
            @Override
            public int program() {
                return 100000;
            }

            @Override
            public int lowVersion() {
                return 2;
            }

            @Override
            public int highVersion() {
                return 4;
            }

            @Override
            public boolean authenticated() {
                return false;
            }

            @Override
            public @Nullable RpcProcedure procedure(int version, int procedure) {
                int port = self[0].address().getPort();
                return new PortmapProgram(List.of(
                                new Registration(Nlm4.PROGRAM, 4, port, "nlockmgr"),
                                new Registration(Nlm4.NSM_PROGRAM, 1, port, "status")))
                        .procedure(version, procedure);
            }
        };
        RpcDispatcher d = new RpcDispatcher(
                List.of(clientNlm, clientStatd, pmap),
                new SysAuthenticator(Protocol.NFS3),
                Executors.newVirtualThreadPerTaskExecutor(),
                new DuplicateRequestCache(16),
                16);
        self[0] = RpcServer.bind(
                group,
                InetAddress.getLoopbackAddress(),
                0,
                d,
                1 << 20,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        return self[0];
    }

    @BeforeEach
    void start() throws Exception {
        clientSide = startClientSide();
        NfsSettings settings = NfsSettings.of(InetAddress.getLoopbackAddress(), 0, -1)
                .withLocking(Duration.ZERO, clientSide.address().getPort());
        server = TestServer.start(settings, ShareOptions.DEFAULTS);
        m = server.mount();
        nlm = new NlmClient(m.rpc(), TestServer.USER);
        file = ((DirOpRes3.Ok) m.nfs().create(m.root(), "locked", new Create3.How.Unchecked(Sattr3.NONE))).object();
    }

    @AfterEach
    void stop() {
        m.close();
        server.close();
        clientSide.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Nlm4Lock lock(String host, int svid, long offset, long length) {
        return new Nlm4Lock(host, file.bytes(), new byte[] {(byte) svid}, svid, offset, length);
    }

    @Test
    void aConflictingLockIsDeniedAndTestNamesItsHolder() {
        assertThat(nlm.lock(lock("a", 1, 0, 100), true, false, false)).isEqualTo(Nlm4.NLM4_GRANTED);
        assertThat(nlm.lock(lock("b", 2, 50, 10), true, false, false)).isEqualTo(Nlm4.NLM4_DENIED);
        Nlm4Args.TestRes t = nlm.test(lock("b", 2, 50, 10), false);
        assertThat(t.stat()).isEqualTo(Nlm4.NLM4_DENIED);
        assertThat(t.holder()).isNotNull();
        assertThat(t.holder().svid()).isEqualTo(1);
        assertThat(t.holder().exclusive()).isTrue();
        assertThat(t.holder().offset()).isZero();
        assertThat(t.holder().length()).isEqualTo(100);
        assertThat(nlm.lock(lock("b", 2, 100, 0), false, false, false))
                .as("the rest of the file is free")
                .isEqualTo(Nlm4.NLM4_GRANTED);
        assertThat(nlm.unlock(lock("a", 1, 0, 100))).isEqualTo(Nlm4.NLM4_GRANTED);
        assertThat(nlm.test(lock("b", 2, 50, 10), true).stat()).isEqualTo(Nlm4.NLM4_GRANTED);
    }

    @Test
    void aBlockedLockIsGrantedWithACallbackWhenTheHolderUnlocks() {
        assertThat(nlm.lock(lock("a", 1, 0, 0), true, false, false)).isEqualTo(Nlm4.NLM4_GRANTED);
        assertThat(nlm.lock(lock("b", 2, 0, 10), true, true, false)).isEqualTo(Nlm4.NLM4_BLOCKED);
        assertThat(grantedCallbacks).isEmpty();
        nlm.unlock(lock("a", 1, 0, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> grantedCallbacks.size() == 1);
        assertThat(grantedCallbacks.getFirst().lock().svid()).isEqualTo(2);
        assertThat(nlm.test(lock("a", 1, 0, 10), false).holder().svid()).isEqualTo(2);
        assertThat(nlm.lock(lock("b", 2, 0, 10), true, true, false))
                .as("a retried blocking lock it now holds")
                .isEqualTo(Nlm4.NLM4_GRANTED);
    }

    @Test
    void aCancelledBlockedLockIsNeverGranted() throws Exception {
        nlm.lock(lock("a", 1, 0, 0), true, false, false);
        assertThat(nlm.lock(lock("b", 2, 0, 10), true, true, false)).isEqualTo(Nlm4.NLM4_BLOCKED);
        assertThat(nlm.cancel(lock("b", 2, 0, 10), true)).isEqualTo(Nlm4.NLM4_GRANTED);
        nlm.unlock(lock("a", 1, 0, 0));
        Thread.sleep(300);
        assertThat(grantedCallbacks).isEmpty();
        assertThat(nlm.test(lock("c", 3, 0, 0), true).stat()).isEqualTo(Nlm4.NLM4_GRANTED);
    }

    @Test
    void asynchronousRequestsAnswerWithResultCalls() {
        var lockMsg = new Nlm4Args.Lock(new byte[] {9}, false, true, lock("a", 1, 0, 10), false, 1);
        m.rpc().call(Nlm4.PROGRAM, 4, Nlm4.NLMPROC4_LOCK_MSG, TestServer.USER, lockMsg, in -> null);
        var testMsg = new Nlm4Args.Test(new byte[] {9}, true, lock("b", 2, 0, 10));
        m.rpc().call(Nlm4.PROGRAM, 4, Nlm4.NLMPROC4_TEST_MSG, TestServer.USER, testMsg, in -> null);
        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 2);
        assertThat(results).containsExactlyInAnyOrder("LOCK_RES " + Nlm4.NLM4_GRANTED, "TEST_RES " + Nlm4.NLM4_DENIED);
    }

    @Test
    void freeAllDropsEveryLockOfAHost() {
        nlm.lock(lock("gone", 1, 0, 10), true, false, false);
        nlm.lock(lock("gone", 2, 20, 10), true, false, false);
        nlm.freeAll("gone");
        assertThat(nlm.test(lock("other", 3, 0, 0), true).stat()).isEqualTo(Nlm4.NLM4_GRANTED);
    }

    @Test
    void locksHeldOverAnotherProtocolConflictAndShowAnAnonymousHolder() {
        int shareId = server.shares.byName("export").orElseThrow().id();
        FileKey key = new FileKey(shareId, file.node().fileId());
        server.runtime.locks().tryLock(key, new LockOwner("smb:session:1"), LockType.EXCLUSIVE, new ByteRange(0, 10));
        Nlm4Args.TestRes t = nlm.test(lock("a", 1, 5, 1), false);
        assertThat(t.stat()).isEqualTo(Nlm4.NLM4_DENIED);
        assertThat(t.holder().svid()).isZero();
    }

    @Test
    void aLockOnARemovedFileAnswersStaleFh() {
        m.nfs().remove(m.root(), "locked");
        assertThat(nlm.lock(lock("a", 1, 0, 10), true, false, false)).isEqualTo(Nlm4.NLM4_STALE_FH);
    }

    @Test
    void afterARestartLockHoldersAreNotifiedAndReclaimDuringTheGracePeriod() throws Exception {
        NlmHosts hosts = NlmHosts.inMemory();
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        NfsSettings settings = NfsSettings.of(InetAddress.getLoopbackAddress(), port, -1)
                .withLocking(Duration.ZERO, clientSide.address().getPort());
        io.dittofs.nfs.NfsAdapter first = new io.dittofs.nfs.NfsAdapter(settings, hosts);
        first.start(server.runtime);
        var addr = new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (var rpc = io.dittofs.nfs.client.RpcClient.connect(addr, 1 << 20, Duration.ofSeconds(10))) {
            assertThat(new NlmClient(rpc, TestServer.USER).lock(lock("host-a", 1, 0, 0), true, false, false))
                    .isEqualTo(Nlm4.NLM4_GRANTED);
        }
        first.stop(Duration.ofSeconds(1));
        assertThat(notifications).as("nobody to tell on the first start").isEmpty();

        io.dittofs.nfs.NfsAdapter second = new io.dittofs.nfs.NfsAdapter(
                settings.withLocking(Duration.ofMinutes(1), clientSide.address().getPort()), hosts);
        second.start(server.runtime);
        try (var rpc = io.dittofs.nfs.client.RpcClient.connect(addr, 1 << 20, Duration.ofSeconds(10))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> notifications.size() == 1);
            assertThat(notifications.getFirst()).startsWith("127.0.0.1 state ");
            NlmClient c = new NlmClient(rpc, TestServer.USER);
            assertThat(c.lock(lock("host-b", 2, 0, 0), true, false, false)).isEqualTo(Nlm4.NLM4_DENIED_GRACE_PERIOD);
            assertThat(c.lock(lock("host-a", 1, 0, 0), true, false, true)).isEqualTo(Nlm4.NLM4_GRANTED);
        } finally {
            second.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void duringTheGracePeriodOnlyReclaimsAreServed() throws Exception {
        NfsSettings settings = NfsSettings.of(InetAddress.getLoopbackAddress(), 0, -1)
                .withLocking(Duration.ofMinutes(1), clientSide.address().getPort());
        TestServer graced = TestServer.start(settings, ShareOptions.DEFAULTS);
        try (graced;
                TestServer.Mounted g = graced.mount()) {
            FileHandle3 f =
                    ((DirOpRes3.Ok) g.nfs().create(g.root(), "f", new Create3.How.Unchecked(Sattr3.NONE))).object();
            NlmClient c = new NlmClient(g.rpc(), TestServer.USER);
            Nlm4Lock l = new Nlm4Lock("a", f.bytes(), new byte[] {1}, 1, 0, 0);
            assertThat(c.lock(l, true, false, false)).isEqualTo(Nlm4.NLM4_DENIED_GRACE_PERIOD);
            assertThat(c.lock(l, true, false, true)).isEqualTo(Nlm4.NLM4_GRANTED);
        }
    }
}
