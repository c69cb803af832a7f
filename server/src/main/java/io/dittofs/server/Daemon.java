package io.dittofs.server;

import io.dittofs.crypto.NtHash;
import io.dittofs.crypto.PasswordHasher;
import io.dittofs.runtime.DittoRuntime;
import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.adapter.ProtocolAdapter;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.identity.Group;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.User;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.server.config.BlockStoreConfig;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigValidator;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.GroupConfig;
import io.dittofs.server.config.MetadataStoreConfig;
import io.dittofs.server.config.UserConfig;
import io.dittofs.server.http.StatusEndpoint;
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
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: stores, shares, runtime and adapters built from one validated config.
 * Everything it opens it closes, in reverse order, in {@link #close()}.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final DittoConfig config;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final List<ProtocolAdapter> adapters = new ArrayList<>();
    private @Nullable DittoRuntime runtime;
    private @Nullable StatusEndpoint status;
    private boolean closed;

    private Daemon(DittoConfig config) {
        this.config = config;
    }

    /**
     * Validates {@code config}, chooses ports, opens stores and starts every adapter. Fails with
     * a {@link ConfigException} before anything listens when the config cannot run.
     */
    public static Daemon start(DittoConfig config) throws Exception {
        List<ConfigValidator.ValidShare> shares = ConfigValidator.validate(config);
        InetAddress bind = InetAddress.getByName(config.server().bind());
        ResolvedPorts ports = ResolvedPorts.choose(config.adapters(), new PortChoice(bind));
        Daemon d = new Daemon(config);
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
        Files.createDirectories(config.server().dataDir());
        ServerIdentity serverIdentity = ServerIdentity.load(config.server().dataDir());
        Identities identities = new Identities(serverIdentity.domainSid());
        loadAccounts(identities);
        ShareRegistry registry = new ShareRegistry();
        Map<String, MetadataStore> metas = new HashMap<>();
        Map<String, BlockStore> blocks = new HashMap<>();
        for (ConfigValidator.ValidShare s : validShares) {
            MetadataStore meta = metas.get(s.metadata().name());
            if (meta == null) {
                meta = openMetadata(s.metadata());
                metas.put(s.metadata().name(), meta);
            }
            BlockStore block = blocks.get(s.blocks().name());
            if (block == null) {
                block = openBlocks(s.blocks());
                blocks.put(s.blocks().name(), block);
            }
            ContentSettings content = OfflineShare.contentSettings(config, s);
            Share share = Shares.open(s.name(), s.options(), meta, block, content, Clock.systemUTC());
            opened.push(share.fileSystem());
            registry.add(share);
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
        DittoRuntime rt = new DittoRuntime(registry, identities, new LockManager());
        runtime = rt;
        for (ProtocolAdapter a : ProtocolAdapters.create(config, bind, ports, serverIdentity.domainSid())) {
            a.start(rt);
            adapters.add(a);
            for (AdapterStatus.Endpoint e : a.status().endpoints()) {
                log.info(
                        "{} listening on {}:{}",
                        e.service(),
                        e.address().getHostString(),
                        e.address().getPort());
            }
        }
        if (ports.api() != 0) {
            status = StatusEndpoint.start(new java.net.InetSocketAddress(bind, ports.api()), this);
            log.info("status endpoint on http://{}:{}/status", bind.getHostAddress(), status.port());
        }
        logHowToMount(ports);
    }

    private MetadataStore openMetadata(MetadataStoreConfig c) throws ConfigException {
        MetadataStore m = StoreFactory.metadata(c, config.server().dataDir());
        opened.push(m);
        return m;
    }

    private BlockStore openBlocks(BlockStoreConfig c) throws ConfigException {
        BlockStore b = StoreFactory.blocks(c);
        opened.push(b);
        return b;
    }

    private void loadAccounts(Identities identities) {
        for (GroupConfig g : config.groups()) {
            identities.putGroup(new Group(g.name(), g.gid()));
        }
        for (UserConfig u : config.users()) {
            String hash = u.passwordHash();
            byte[] nt = null;
            if (u.password() != null) {
                char[] pw = u.password().toCharArray();
                hash = PasswordHasher.DEFAULT.hash(pw);
                nt = NtHash.of(pw);
                java.util.Arrays.fill(pw, '\0');
            }
            List<Integer> groups = u.groups() == null ? List.of() : u.groups();
            identities.putUser(new User(u.name(), u.uid(), u.gid(), groups, hash, nt));
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

    /** Status of every adapter, in start order. */
    public List<AdapterStatus> adapterStatus() {
        return adapters.stream().map(ProtocolAdapter::status).toList();
    }

    /** Stops adapters (letting requests finish), flushes shares and closes stores. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration grace = Duration.ofSeconds(config.server().shutdownGraceSeconds());
        if (status != null) {
            status.stop();
        }
        for (int i = adapters.size() - 1; i >= 0; i--) {
            ProtocolAdapter a = adapters.get(i);
            try {
                a.stop(grace);
            } catch (RuntimeException e) {
                log.error("stopping adapter {} failed", a.name(), e);
            }
        }
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
