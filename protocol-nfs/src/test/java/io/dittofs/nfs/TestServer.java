package io.dittofs.nfs;

import io.dittofs.nfs.client.MountClient;
import io.dittofs.nfs.client.Nfs3Client;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.mount.MountRes3;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.runtime.DittoRuntime;
import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real adapter on 127.0.0.1 (ephemeral ports) over a real runtime with in-memory stores,
 * serving share "export" and any others added before {@link #start}. Every file system call must
 * come from a virtual thread, never an event loop: {@link #close} fails otherwise.
 */
public final class TestServer implements AutoCloseable {
    public static final OpaqueAuth USER = new AuthSysParms(0, "test", 1000, 1000, new int[] {1000}).toCredential();
    public static final OpaqueAuth ROOT = new AuthSysParms(0, "test", 0, 0, new int[0]).toCredential();

    public final ShareRegistry shares = new ShareRegistry();
    public final DittoRuntime runtime;
    public final NfsAdapter adapter;

    public TestServer(NfsSettings settings) {
        runtime = new DittoRuntime(shares, new Identities(Sid.parse("S-1-5-21-1-2-3")), new LockManager());
        adapter = new NfsAdapter(settings);
    }

    public static TestServer start() throws Exception {
        return start(NfsSettings.of(InetAddress.getLoopbackAddress(), 0, 0), ShareOptions.DEFAULTS);
    }

    public static TestServer start(NfsSettings settings, ShareOptions exportOptions) throws Exception {
        TestServer s = new TestServer(settings);
        s.addShare("export", exportOptions);
        s.adapter.start(s.runtime);
        return s;
    }

    /** File system calls made off a virtual thread (on an event loop, say): must stay empty. */
    public final List<String> callsOffVirtualThreads = new CopyOnWriteArrayList<>();

    /** Milliseconds to stall in the named file system method, to make calls finish out of order. */
    public final java.util.Map<String, Long> delays = new java.util.concurrent.ConcurrentHashMap<>();

    /** File system calls running now. */
    public final java.util.concurrent.atomic.AtomicInteger callsRunning =
            new java.util.concurrent.atomic.AtomicInteger();

    public void addShare(String name, ShareOptions options) {
        Share s = Shares.open(name, options, new MemoryMetadataStore(), new MemoryBlockStore());
        shares.add(new Share(s.name(), s.id(), s.options(), watched(s.fileSystem())));
    }

    /** The file system, recording every call made from a thread that is not virtual. */
    private FileSystem watched(FileSystem fs) {
        InvocationHandler h = (proxy, method, args) -> {
            if (!Thread.currentThread().isVirtual() && !method.getName().equals("root")) {
                callsOffVirtualThreads.add(
                        method.getName() + " on " + Thread.currentThread().getName());
            }
            callsRunning.incrementAndGet();
            try {
                Long delay = delays.get(method.getName());
                if (delay != null) {
                    Thread.sleep(delay);
                }
                return method.invoke(fs, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                callsRunning.decrementAndGet();
            }
        };
        return (FileSystem)
                Proxy.newProxyInstance(FileSystem.class.getClassLoader(), new Class<?>[] {FileSystem.class}, h);
    }

    public InetSocketAddress endpoint(String service) {
        return adapter.status().endpoints().stream()
                .filter(e -> e.service().equals(service))
                .map(AdapterStatus.Endpoint::address)
                .findFirst()
                .orElseThrow();
    }

    public int nfsPort() {
        return endpoint("nfs").getPort();
    }

    public RpcClient connect(String service) throws IOException {
        return RpcClient.connect(endpoint(service), 4 * 1024 * 1024, Duration.ofSeconds(20));
    }

    /** A client connection, mounted: its NFS client and the export's root handle. */
    public record Mounted(RpcClient rpc, Nfs3Client nfs, FileHandle3 root) implements AutoCloseable {
        @Override
        public void close() {
            rpc.close();
        }
    }

    public Mounted mount(String path, OpaqueAuth credential) throws IOException {
        RpcClient rpc = connect("nfs");
        MountRes3 res = new MountClient(rpc, credential).mnt(path);
        if (!(res instanceof MountRes3.Ok ok)) {
            rpc.close();
            throw new IllegalStateException("MNT " + path + ": " + res);
        }
        return new Mounted(rpc, new Nfs3Client(rpc, credential), ok.handle());
    }

    public Mounted mount() throws IOException {
        return mount("/export", USER);
    }

    @Override
    public void close() {
        adapter.stop(Duration.ofSeconds(2));
        if (!callsOffVirtualThreads.isEmpty()) {
            throw new AssertionError("file system called off virtual threads: " + callsOffVirtualThreads);
        }
    }
}
