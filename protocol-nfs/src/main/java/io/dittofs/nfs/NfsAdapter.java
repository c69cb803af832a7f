package io.dittofs.nfs;

import io.dittofs.nfs.mount.Mount3;
import io.dittofs.nfs.mount.MountProgram;
import io.dittofs.nfs.mount.MountTable;
import io.dittofs.nfs.nlm.Nlm4;
import io.dittofs.nfs.nlm.NlmCallbacks;
import io.dittofs.nfs.nlm.NlmHosts;
import io.dittofs.nfs.nlm.NlmLocks;
import io.dittofs.nfs.nlm.NlmProgram;
import io.dittofs.nfs.nlm.NsmNotifier;
import io.dittofs.nfs.nlm.NsmProgram;
import io.dittofs.nfs.portmap.PortmapProgram;
import io.dittofs.nfs.portmap.Registration;
import io.dittofs.nfs.rpc.DuplicateRequestCache;
import io.dittofs.nfs.rpc.NettyTransport;
import io.dittofs.nfs.rpc.RpcDispatcher;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.rpc.RpcServer;
import io.dittofs.nfs.rpc.SysAuthenticator;
import io.dittofs.nfs.rpc.VersionedProgram;
import io.dittofs.nfs.v3.Nfs3;
import io.dittofs.nfs.v3.Nfs3Program;
import io.dittofs.nfs.v3.Nfs3Settings;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Program;
import io.dittofs.nfs.v4.Nfs4Server;
import io.dittofs.nfs.v4.Nfs4Settings;
import io.dittofs.nfs.v4.PseudoFs;
import io.dittofs.nfs.v4.attr.Owners;
import io.dittofs.nfs.v4.state.ClientRecords;
import io.dittofs.nfs.v4.state.StateManager;
import io.dittofs.runtime.DittoRuntime;
import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.adapter.ProtocolAdapter;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.metrics.ProtocolMetrics;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NFS adapter: NFSv3, NFSv4.0 and 4.1, MOUNT v3, NLM v4 and NSM on one TCP port, and an optional built-in
 * portmapper on another. Netty event loops frame, decode and encode; every call runs on its own virtual thread
 * and calls the share's {@link io.dittofs.runtime.fs.FileSystem} once.
 *
 * <p>Without the portmapper, Linux mounts with {@code -o vers=3,proto=tcp,port=P,mountport=P,
 * mountproto=tcp} (P the NFS port) plus {@code nolock} (locking needs the portmapper); libnfs with
 * {@code nfs://host/share?nfsport=P&mountport=P&version=3}.
 *
 * <p>Threading: {@link #start} and {@link #stop} are called by the daemon, one at a time;
 * {@link #status} from any thread.
 */
public final class NfsAdapter implements ProtocolAdapter {
    private static final Logger log = LoggerFactory.getLogger(NfsAdapter.class);

    private final NfsSettings settings;
    private final MountTable mounts = new MountTable();
    private volatile AdapterStatus.State state = AdapterStatus.State.STOPPED;
    private volatile List<AdapterStatus.Endpoint> endpoints = List.of();

    private @Nullable NettyTransport transport;
    private @Nullable ExecutorService executor;
    private @Nullable ChannelGroup channels;
    private final List<RpcServer> servers = new ArrayList<>();

    private final NlmHosts lockHosts;
    private final ClientRecords v4Clients;
    private @Nullable Thread leaseReaper;

    /** How long an NFSv4 client's state lives without renewal (RFC 7530 section 9.5). */
    public static final Duration NFS4_LEASE = Duration.ofSeconds(90);
    /** The NFSv4 id-mapping domain of owner strings of named users. */
    public static final String NFS4_DOMAIN = "localdomain";

    /** An adapter whose record of lock-holding hosts lives in memory (lost when the process ends). */
    public NfsAdapter(NfsSettings settings) {
        this(settings, NlmHosts.inMemory());
    }

    /**
     * @param lockHosts where the hosts holding NLM locks are recorded, to be told to reclaim after
     *     a restart: persistent in a daemon, so that lock reclaim survives process restarts
     */
    public NfsAdapter(NfsSettings settings, NlmHosts lockHosts) {
        this(settings, lockHosts, ClientRecords.inMemory());
    }

    /**
     * @param v4Clients the NFSv4 clients holding state, kept so that after a restart they may
     *     reclaim it in the grace period: persistent in a daemon
     */
    public NfsAdapter(NfsSettings settings, NlmHosts lockHosts, ClientRecords v4Clients) {
        this.settings = settings;
        this.lockHosts = lockHosts;
        this.v4Clients = v4Clients;
    }

    private ProtocolMetrics metrics = ProtocolMetrics.NONE;

    @Override
    public String name() {
        return "nfs";
    }

    /** Who has mounted what (MOUNT DUMP). */
    public MountTable mounts() {
        return mounts;
    }

    @Override
    public synchronized void start(DittoRuntime runtime) throws Exception {
        if (state != AdapterStatus.State.STOPPED) {
            throw new IllegalStateException("adapter is " + state);
        }
        state = AdapterStatus.State.STARTING;
        metrics = runtime.metrics();
        transport = NettyTransport.create(settings.transport(), 0);
        executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("nfs-call-", 0).factory());
        channels = new DefaultChannelGroup("nfs", GlobalEventExecutor.INSTANCE);
        try {
            Nfs3Settings nfs3 = new Nfs3Settings(
                    settings.maxReadSize(), settings.maxWriteSize(), 64 * 1024, runtime.bootVerifier());
            NlmLocks nlmLocks = new NlmLocks(
                    runtime.shares(), runtime.locks(), settings.lockGracePeriod(), java.time.Clock.systemUTC());
            NlmCallbacks callbacks = new NlmCallbacks(settings.clientPortmapPort(), Duration.ofSeconds(5));
            int nsmState = (int) (System.currentTimeMillis() / 1000);
            List<RpcProgram> programs = List.of(
                    new VersionedProgram(List.of(new Nfs3Program(runtime.shares(), nfs3), nfs4Program(runtime))),
                    new MountProgram(runtime.shares(), mounts),
                    new NlmProgram(nlmLocks, callbacks, lockHosts),
                    new NsmProgram(nlmLocks, lockHosts, nsmState));
            RpcServer nfs = bind(programs, settings.nfsPort());
            int nfsPort = nfs.address().getPort();
            List<AdapterStatus.Endpoint> eps = new ArrayList<>();
            eps.add(new AdapterStatus.Endpoint("nfs", nfs.address()));
            eps.add(new AdapterStatus.Endpoint("mount", nfs.address()));
            eps.add(new AdapterStatus.Endpoint("nlm", nfs.address()));
            if (settings.portmapPort() != NfsSettings.PORTMAP_DISABLED) {
                RpcServer pmap = bindPortmapper(nfsPort);
                eps.add(new AdapterStatus.Endpoint("portmap", pmap.address()));
            }
            endpoints = List.copyOf(eps);
            state = AdapterStatus.State.RUNNING;
            new NsmNotifier(settings.clientPortmapPort(), settings.nsmName(), Duration.ofSeconds(5))
                    .notifyAll(lockHosts, nsmState | 1);
            log.info("NFS adapter listening ({}): {}", transport.kind(), endpoints);
        } catch (Exception | Error e) {
            state = AdapterStatus.State.FAILED;
            shutdown(Duration.ZERO);
            state = AdapterStatus.State.STOPPED;
            throw e;
        }
    }

    private RpcProgram nfs4Program(DittoRuntime runtime) {
        Nfs4Settings v4 = new Nfs4Settings(
                settings.maxReadSize(),
                settings.maxWriteSize(),
                NFS4_LEASE,
                settings.lockGracePeriod(),
                NFS4_DOMAIN,
                runtime.bootVerifier());
        int epoch = (int) (System.currentTimeMillis() / 1000);
        StateManager state = new StateManager(
                epoch, v4.lease(), v4.grace(), runtime.opens(), runtime.locks(), v4Clients, System::nanoTime);
        Nfs4Server server = new Nfs4Server(
                runtime.shares(),
                new PseudoFs(System.currentTimeMillis() * 1_000_000L),
                state,
                new Owners(runtime.identities(), v4.domain()),
                v4);
        leaseReaper = Thread.ofVirtual().name("nfs4-lease-reaper").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    state.expireIdle();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new Nfs4Program(server);
    }

    private RpcServer bindPortmapper(int nfsPort) throws InterruptedException {
        List<Registration> regs = List.of(
                new Registration(Nfs3.PROGRAM, Nfs3.VERSION, nfsPort, "nfs"),
                new Registration(Nfs4.PROGRAM, Nfs4.VERSION, nfsPort, "nfs"),
                new Registration(Mount3.PROGRAM, Mount3.VERSION, nfsPort, "mountd"),
                new Registration(Nlm4.PROGRAM, Nlm4.VERSION, nfsPort, "nlockmgr"),
                new Registration(Nlm4.NSM_PROGRAM, Nlm4.NSM_VERSION, nfsPort, "status"));
        return bind(List.of(new PortmapProgram(regs)), settings.portmapPort(), true);
    }

    private RpcServer bind(List<RpcProgram> programs, int port) throws InterruptedException {
        return bind(programs, port, false);
    }

    private RpcServer bind(List<RpcProgram> programs, int port, boolean alsoUdp) throws InterruptedException {
        RpcDispatcher dispatcher = new RpcDispatcher(
                programs,
                new SysAuthenticator(Protocol.NFS3),
                executor,
                new DuplicateRequestCache(settings.duplicateRequestCacheSize()),
                settings.maxInFlightPerConnection(),
                settings.maxInFlightTotal());
        dispatcher.withMetrics(metrics);
        RpcServer server = RpcServer.bind(
                transport, settings.bindAddress(), port, dispatcher, settings.maxRecordSize(), channels, alsoUdp);
        servers.add(server);
        return server;
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (state == AdapterStatus.State.STOPPED) {
            return;
        }
        state = AdapterStatus.State.STOPPING;
        shutdown(grace);
        endpoints = List.of();
        state = AdapterStatus.State.STOPPED;
        log.info("NFS adapter stopped");
    }

    private void shutdown(Duration grace) {
        if (leaseReaper != null) {
            leaseReaper.interrupt();
            leaseReaper = null;
        }
        for (RpcServer s : servers) {
            s.close();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline
                && servers.stream().anyMatch(s -> s.dispatcher().inFlight() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        servers.clear();
        if (channels != null) {
            channels.close().syncUninterruptibly();
            channels = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        if (transport != null) {
            transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            transport = null;
        }
    }

    @Override
    public AdapterStatus status() {
        ChannelGroup c = channels;
        return new AdapterStatus(name(), state, endpoints, c == null ? 0 : c.size());
    }
}
