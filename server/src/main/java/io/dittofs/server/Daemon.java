package io.dittofs.server;

import io.dittofs.runtime.DittoRuntime;
import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.adapter.ProtocolAdapter;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.runtime.identity.Group;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.User;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.server.api.ApiServer;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigValidator;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.control.ControlPlane;
import io.dittofs.server.control.ControlTarget;
import io.dittofs.server.metrics.ServerMetrics;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.metadata.MetadataStore;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: stores, shares, runtime and adapters built from the control plane's state
 * (seeded from the config on the first start), and the HTTP API. It is the {@link ControlTarget}
 * through which API changes take effect live. Everything it opens it closes in {@link #close()}:
 * API, adapters, shares (flushed), then stores.
 *
 * <p>Threading: live changes come one at a time (the control plane serialises them) and
 * synchronise on this object, as {@link #close()} does.
 */
public final class Daemon implements AutoCloseable, ControlTarget {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** The first admin's password on the first start; generated and printed once when unset. */
    public static final String ADMIN_PASSWORD_ENV = "DITTOFS_ADMIN_PASSWORD";

    private final DittoConfig config;
    private final ControlPlane control;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Map<String, ProtocolAdapter> adapters = new LinkedHashMap<>();
    private final Map<String, MetadataStore> metas = new HashMap<>();
    private final Map<String, BlockStore> blocks = new HashMap<>();
    private final Map<String, AtomicReference<ShareOptions>> shareOptions = new HashMap<>();
    private final Map<String, ContentStore> contentStores = new java.util.concurrent.ConcurrentHashMap<>();
    private @Nullable DittoRuntime runtime;
    private @Nullable ApiServer api;
    private @Nullable InetAddress bind;
    private io.dittofs.runtime.identity.@Nullable Sid serverSid;
    private boolean closed;

    private Daemon(DittoConfig config, ControlPlane control) {
        this.config = config;
        this.control = control;
    }

    /** {@link #start(DittoConfig, String)} with the first admin's password from the environment. */
    public static Daemon start(DittoConfig config) throws Exception {
        return start(config, System.getenv(ADMIN_PASSWORD_ENV));
    }

    /**
     * Validates {@code config}, loads (or seeds) the control-plane state, chooses ports, opens
     * stores and starts every adapter and the API. Fails with a {@link ConfigException} before
     * anything listens when the config cannot run.
     */
    public static Daemon start(DittoConfig given, @Nullable String adminPassword) throws Exception {
        ConfigValidator.validate(given);
        Files.createDirectories(given.server().dataDir());
        ControlPlane control = ControlPlane.open(given, adminPassword);
        DittoConfig config = control.effectiveConfig();
        List<ConfigValidator.ValidShare> shares = ConfigValidator.validate(config);
        InetAddress bind = InetAddress.getByName(config.server().bind());
        ResolvedPorts ports = ResolvedPorts.choose(config.adapters(), new PortChoice(bind));
        Daemon d = new Daemon(config, control);
        try {
            d.open(shares, bind, ports);
        } catch (Exception | Error e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void open(List<ConfigValidator.ValidShare> validShares, InetAddress bind, ResolvedPorts ports)
            throws Exception {
        this.bind = bind;
        ServerIdentity serverIdentity = ServerIdentity.load(config.server().dataDir());
        serverSid = serverIdentity.domainSid();
        Identities identities = new Identities(serverIdentity.domainSid());
        loadAccounts(identities);
        ShareRegistry registry = new ShareRegistry();
        DittoRuntime rt = new DittoRuntime(registry, identities, new LockManager(), metrics);
        runtime = rt;
        for (ConfigValidator.ValidShare s : validShares) {
            addShare(control.withAccess(s));
        }
        control.attach(this);
        metrics.bind(this::adapterStatus, x -> openFilesTotal(), () -> rt.shares()
                .all()
                .size());
        for (ProtocolAdapter a : ProtocolAdapters.create(config, bind, ports, serverIdentity.domainSid())) {
            startAdapter(a);
        }
        if (ports.api() != 0) {
            api = ApiServer.start(new java.net.InetSocketAddress(bind, ports.api()), this, control, metrics);
            log.info("REST API on http://{}:{}/api/v1 (status: /status)", bind.getHostAddress(), api.port());
        }
        logHowToMount(ports);
    }

    /** Opens the share's stores (reusing open ones) and serves it. */
    @Override
    public synchronized void addShare(ConfigValidator.ValidShare s) throws ConfigException {
        DittoRuntime rt = runtime();
        MetadataStore meta = metas.get(s.metadata().name());
        BlockStore block = blocks.get(s.blocks().name());
        try {
            if (meta == null) {
                meta = StoreFactory.metadata(s.metadata(), config.server().dataDir());
                metas.put(s.metadata().name(), meta);
            }
            if (block == null) {
                block = StoreFactory.blocks(s.blocks());
                blocks.put(s.blocks().name(), block);
            }
        } catch (RuntimeException e) {
            // A store that cannot open (database down, folder gone) is the request's problem to report.
            throw new ConfigException("shares." + s.name(), "cannot open its stores: " + e.getMessage());
        }
        ContentSettings content = OfflineShare.contentSettings(config, s);
        AtomicReference<ShareOptions> options = new AtomicReference<>(s.options());
        Share share = Shares.open(s.name(), options::get, meta, block, content, Clock.systemUTC());
        try {
            rt.shares().add(share);
        } catch (IllegalArgumentException e) {
            closeQuietly(share.fileSystem());
            throw new ConfigException("shares." + s.name() + ".name", e.getMessage());
        }
        shareOptions.put(s.name(), options);
        if (share.fileSystem() instanceof PosixFileSystem posix) {
            contentStores.put(s.name(), posix.content());
            metrics.bindShare(s.name(), posix.content());
        }
        {
            log.info(
                    "share '{}': metadata store '{}' ({}), block store '{}' ({}){}",
                    s.name(),
                    s.metadata().name(),
                    s.metadata().type(),
                    s.blocks().name(),
                    s.blocks().type(),
                    s.options().readOnly() ? ", read-only" : "");
            if (s.metadata().type().equals("memory")) {
                log.warn("share '{}' keeps its namespace in memory: it is empty again after a restart", s.name());
            }
        }
    }

    @Override
    public synchronized void updateShare(ConfigValidator.ValidShare s) {
        DittoRuntime rt = runtime();
        Share old = rt.shares().byName(s.name()).orElseThrow();
        AtomicReference<ShareOptions> options = java.util.Objects.requireNonNull(shareOptions.get(s.name()));
        options.set(s.options());
        rt.shares().replace(new Share(old.name(), old.id(), s.options(), old.fileSystem()));
        log.info("share '{}': options changed", s.name());
    }

    @Override
    public synchronized void removeShare(String name) {
        runtime().shares().remove(name).ifPresent(share -> {
            shareOptions.remove(name);
            metrics.unbindShare(name);
            contentStores.remove(name);
            closeQuietly(share.fileSystem()); // flushes what clients wrote
            log.info("share '{}' removed", name);
        });
    }

    @Override
    public Map<String, ContentStore> contentStores() {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(contentStores));
    }

    /** Files open on the share now, from the runtime's open-file table (every protocol that records opens). */
    @Override
    public int openFiles(String share) {
        DittoRuntime rt = runtime;
        return rt == null ? 0 : rt.opens().openCount(ShareRegistry.idFor(share));
    }

    private double openFilesTotal() {
        return runtime == null
                ? 0
                : runtime.shares().all().stream()
                        .mapToInt(s -> openFiles(s.name()))
                        .sum();
    }

    @Override
    public synchronized void storeChanged(String kind, String name) {
        AutoCloseable open = kind.equals("metadata") ? metas.remove(name) : blocks.remove(name);
        if (open != null) {
            closeQuietly(open);
        }
    }

    @Override
    public Identities identities() {
        return runtime().identities();
    }

    @Override
    public synchronized void applyAdapter(String name, AdapterConfig c) throws ConfigException {
        ProtocolAdapter running = adapters.remove(name);
        if (running != null) {
            running.stop(Duration.ofSeconds(config.server().shutdownGraceSeconds()));
            log.info("adapter {} stopped", name);
        }
        if (!c.isEnabled()) {
            return;
        }
        AdapterConfig off = new AdapterConfig(false, null, null);
        AdaptersConfig only = new AdaptersConfig(name.equals("nfs") ? c : off, name.equals("smb") ? c : off, off);
        InetAddress address = java.util.Objects.requireNonNull(bind);
        ResolvedPorts ports = ResolvedPorts.choose(only, new PortChoice(address));
        DittoConfig withAdapter = new DittoConfig(
                config.server(),
                config.metadataStores(),
                config.blockStores(),
                config.shares(),
                only,
                config.users(),
                config.groups());
        for (ProtocolAdapter a :
                ProtocolAdapters.create(withAdapter, address, ports, java.util.Objects.requireNonNull(serverSid))) {
            try {
                startAdapter(a);
            } catch (Exception e) {
                throw new ConfigException("adapters." + name + ".port", "cannot start: " + e.getMessage());
            }
        }
    }

    private void startAdapter(ProtocolAdapter a) throws Exception {
        a.start(runtime());
        adapters.put(a.name(), a);
        for (AdapterStatus.Endpoint e : a.status().endpoints()) {
            log.info(
                    "{} listening on {}:{}",
                    e.service(),
                    e.address().getHostString(),
                    e.address().getPort());
        }
    }

    private void loadAccounts(Identities identities) {
        for (Group g : control.identityGroups()) {
            identities.putGroup(g);
        }
        for (User u : control.identityUsers()) {
            identities.putUser(u);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.error("closing {} failed", c.getClass().getSimpleName(), e);
        }
    }

    private void logHowToMount(ResolvedPorts ports) {
        if (runtime == null) {
            return;
        }
        boolean accounts = !runtime.identities().users().isEmpty();
        for (Share s : runtime.shares().all()) {
            if (ports.nfs() != 0) {
                if (ports.portmap() == ResolvedPorts.PORTMAP) {
                    log.info("nfs: mount -t nfs -o vers=3 <host>:/{} /mnt", s.name());
                } else {
                    log.info(
                            "nfs: mount -t nfs -o vers=3,proto=tcp,port={},mountport={},mountproto=tcp,nolock"
                                    + " <host>:/{} /mnt",
                            ports.nfs(),
                            ports.mount(),
                            s.name());
                }
            }
            if (ports.smb() != 0) {
                if (accounts || s.options().guestAccess()) {
                    log.info("smb: smbclient //<host>/{} -p {} -U <user>", s.name(), ports.smb());
                } else {
                    log.info(
                            "smb: share '{}' has no SMB account yet: add users to a config file (see"
                                    + " docs/configuration.md) or set guest: true on the share",
                            s.name());
                }
            }
        }
    }

    public DittoRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("not started");
        }
        return runtime;
    }

    public DittoConfig config() {
        return config;
    }

    public ControlPlane control() {
        return control;
    }

    /** The API's port, or 0 when it is off. */
    public int apiPort() {
        return api == null ? 0 : api.port();
    }

    /** Status of every adapter, in start order. */
    @Override
    public synchronized List<AdapterStatus> adapterStatus() {
        return adapters.values().stream().map(ProtocolAdapter::status).toList();
    }

    /** Stops adapters (letting requests finish), flushes shares and closes stores. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration grace = Duration.ofSeconds(config.server().shutdownGraceSeconds());
        if (api != null) {
            api.stop();
        }
        List<ProtocolAdapter> started = new ArrayList<>(adapters.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            ProtocolAdapter a = started.get(i);
            try {
                a.stop(grace);
            } catch (RuntimeException e) {
                log.error("stopping adapter {} failed", a.name(), e);
            }
        }
        if (runtime != null) {
            for (Share s : runtime.shares().all()) {
                closeQuietly(s.fileSystem());
            }
        }
        metas.values().forEach(opened::push);
        blocks.values().forEach(opened::push);
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.error("closing {} failed", c.getClass().getSimpleName(), e);
            }
        }
        log.info("stopped");
    }

    /** Reads or creates the server's persistent identity in the data folder. */
    record ServerIdentity(io.dittofs.runtime.identity.Sid domainSid) {
        static ServerIdentity load(java.nio.file.Path dataDir) throws IOException {
            java.nio.file.Path file = dataDir.resolve("server-id");
            if (Files.exists(file)) {
                return new ServerIdentity(io.dittofs.runtime.identity.Sid.parse(
                        Files.readString(file).trim()));
            }
            java.security.SecureRandom r = new java.security.SecureRandom();
            String sid = "S-1-5-21-" + Integer.toUnsignedString(r.nextInt()) + "-"
                    + Integer.toUnsignedString(r.nextInt()) + "-" + Integer.toUnsignedString(r.nextInt());
            java.nio.file.Path tmp = dataDir.resolve("server-id.tmp");
            Files.writeString(tmp, sid + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new ServerIdentity(io.dittofs.runtime.identity.Sid.parse(sid));
        }
    }
}
