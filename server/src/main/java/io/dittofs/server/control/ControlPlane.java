package io.dittofs.server.control;

import io.dittofs.crypto.NtHash;
import io.dittofs.crypto.PasswordHasher;
import io.dittofs.runtime.identity.Group;
import io.dittofs.runtime.identity.User;
import io.dittofs.runtime.share.ShareAccess;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.BlockStoreConfig;
import io.dittofs.server.config.ConfigValidator;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.GroupConfig;
import io.dittofs.server.config.MetadataStoreConfig;
import io.dittofs.server.config.ShareConfig;
import io.dittofs.server.config.UserConfig;
import io.dittofs.server.control.ControlState.AdapterRecord;
import io.dittofs.server.control.ControlState.GroupRecord;
import io.dittofs.server.control.ControlState.ShareRecord;
import io.dittofs.server.control.ControlState.StoreRecord;
import io.dittofs.server.control.ControlState.UserRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's state and how it changes.
 *
 * <p>How the YAML config and this state relate: on the first start (no state file) the config's
 * users, groups, stores, shares and the NFS and SMB adapters seed the state; from then on the
 * state is authoritative and those sections of the config are ignored (a start whose config
 * differs says so in the log). Server settings (data folder, bind address, grace) and the API
 * adapter always come from the config and the command line.
 *
 * <p>Threading: reads see an immutable snapshot; every change runs under one lock (changes are
 * rare and must be serialised anyway: validate, apply live, save), so concurrent updates of a
 * resource apply one after the other and never lose each other.
 */
public final class ControlPlane {
    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);
    public static final String ADMIN = "admin";
    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_USER = "user";

    private final StateFile file;
    private final Sealer sealer;
    private final DittoConfig base;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ControlState state;
    private long revision;
    private @Nullable ControlTarget target;

    private ControlPlane(StateFile file, Sealer sealer, DittoConfig base, ControlState state) {
        this.file = file;
        this.sealer = sealer;
        this.base = base;
        this.state = state;
        this.revision = maxRevision(state);
    }

    /**
     * Loads the state from {@code <dataDir>/control}, or seeds it from {@code config} on the first
     * start. The first admin's password is {@code adminPassword} when given, otherwise generated
     * and printed once on standard error.
     */
    public static ControlPlane open(DittoConfig config, @Nullable String adminPassword) throws IOException {
        Path dir = config.server().dataDir().resolve("control");
        if (!java.nio.file.Files.isDirectory(dir)) {
            java.nio.file.Files.createDirectories(
                    dir,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        Sealer sealer = Sealer.open(dir.resolve("server.key"));
        StateFile file = new StateFile(dir.resolve("state.json"));
        ControlState loaded = file.load().orElse(null);
        if (loaded != null) {
            ControlState withPorts = explicitAdapterSettings(loaded, config);
            if (!withPorts.equals(loaded)) {
                file.save(withPorts);
            }
            ControlPlane cp = new ControlPlane(file, sealer, config, withPorts);
            cp.warnWhenConfigDiffers(config);
            return cp;
        }
        boolean generated = adminPassword == null || adminPassword.isEmpty();
        String password = generated ? generatePassword() : adminPassword;
        ControlState seeded = seed(config, sealer, password);
        file.save(seeded);
        log.info("control plane: state seeded from the config into {}", file.path());
        if (generated && config.users().stream().noneMatch(u -> u.name().equals(ADMIN))) {
            // Shown once, on the console, not in the log: the log may be shipped elsewhere.
            System.err.println("==> dittofs: first admin account: user 'admin', password '" + password + "'");
            System.err.println("==> it is not shown again; change it with: dfsctl user passwd admin");
        }
        return new ControlPlane(file, sealer, config, seeded);
    }

    /**
     * What a daemon on {@code config} would run, when a state exists, without creating or
     * changing anything: for offline tools ({@code dittofs fsck}).
     */
    public static java.util.Optional<DittoConfig> savedConfig(DittoConfig config) throws IOException {
        Path dir = config.server().dataDir().resolve("control");
        StateFile file = new StateFile(dir.resolve("state.json"));
        ControlState loaded = file.load().orElse(null);
        if (loaded == null) {
            return java.util.Optional.empty();
        }
        Sealer sealer = Sealer.open(dir.resolve("server.key"));
        return java.util.Optional.of(new ControlPlane(file, sealer, config, loaded).effectiveConfig());
    }

    public void attach(ControlTarget t) {
        this.target = t;
    }

    ControlTarget target() {
        ControlTarget t = target;
        if (t == null) {
            throw new IllegalStateException("control plane not attached to a running server");
        }
        return t;
    }

    public ControlState state() {
        return state;
    }

    Sealer sealer() {
        return sealer;
    }

    /** The config the daemon runs: server settings and API from the config, the rest from the state. */
    public DittoConfig effectiveConfig() {
        return toConfig(state);
    }

    DittoConfig toConfig(ControlState s) {
        List<MetadataStoreConfig> metas = s.metadataStores().stream()
                .map(m -> new MetadataStoreConfig(
                        m.name(),
                        m.type(),
                        path(m.settings().get("path")),
                        m.settings().get("url"),
                        m.settings().get("user"),
                        secret(m, "password", "metadataStore"),
                        m.settings().get("schema")))
                .toList();
        List<BlockStoreConfig> blocks = s.blockStores().stream()
                .map(b -> BlockStoreSettings.toConfig(
                        b.name(), b.type(), b.settings(), key -> secret(b, key, "blockStore")))
                .toList();
        List<ShareConfig> shares =
                s.shares().stream().map(ControlPlane::shareConfig).toList();
        AdapterConfig nfs = adapterConfig(s, "nfs");
        AdapterConfig smb = adapterConfig(s, "smb");
        List<GroupConfig> groups =
                s.groups().stream().map(g -> new GroupConfig(g.name(), g.gid())).toList();
        return new DittoConfig(
                base.server(),
                metas,
                blocks,
                shares,
                new AdaptersConfig(nfs, smb, base.adapters().api()),
                List.of(),
                groups);
    }

    static AdapterConfig adapterConfig(ControlState s, String name) {
        return ControlState.find(s.adapters(), AdapterRecord::name, name)
                .map(a -> new AdapterConfig(a.enabled(), a.port(), a.portmapPort(), a.signing(), a.encryption()))
                .orElse(new AdapterConfig(false, null, null));
    }

    static ShareConfig shareConfig(ShareRecord r) {
        return new ShareConfig(
                r.name(),
                r.metadataStore(),
                r.blockStore(),
                r.readOnly(),
                r.squash(),
                r.anonUid(),
                r.anonGid(),
                r.allowedNetworks(),
                r.secure(),
                r.guest(),
                r.protocols(),
                r.durability(),
                r.smbEncryption(),
                r.smbContinuousAvailability());
    }

    private static @Nullable Path path(@Nullable String p) {
        return p == null ? null : Path.of(p);
    }

    private @Nullable String secret(StoreRecord r, String key, String kind) {
        Sealed s = r.secrets().get(key);
        return s == null ? null : sealer.openString(s, kind + " " + r.name() + " " + key);
    }

    /** The accounts that are file-system identities, with their NT hashes opened. */
    public List<User> identityUsers() {
        return state.users().stream()
                .filter(u -> u.uid() != null)
                .map(this::identity)
                .toList();
    }

    User identity(UserRecord u) {
        byte[] nt = u.ntHash() == null ? null : sealer.open(u.ntHash(), ntPurpose(u.name()));
        return new User(
                u.name(),
                Objects.requireNonNull(u.uid()),
                u.gid() == null ? Objects.requireNonNull(u.uid()) : u.gid(),
                u.groups(),
                u.passwordHash(),
                nt);
    }

    public List<Group> identityGroups() {
        return state.groups().stream().map(g -> new Group(g.name(), g.gid())).toList();
    }

    /** {@code v} with its share's per-user and per-group rules from the state (by uid and gid). */
    public ConfigValidator.ValidShare withAccess(ConfigValidator.ValidShare v) {
        return withAccess(state, v);
    }

    static ConfigValidator.ValidShare withAccess(ControlState s, ConfigValidator.ValidShare v) {
        ShareRecord r =
                ControlState.find(s.shares(), ShareRecord::name, v.name()).orElse(null);
        if (r == null || r.permissions().isEmpty()) {
            return v;
        }
        Map<Integer, ShareAccess.Level> users = new HashMap<>();
        Map<Integer, ShareAccess.Level> groups = new HashMap<>();
        for (ControlState.Permission p : r.permissions()) {
            ShareAccess.Level level = ShareAccess.Level.valueOf(p.access().toUpperCase(java.util.Locale.ROOT));
            if (p.user() != null) {
                ControlState.find(s.users(), UserRecord::name, p.user())
                        .map(UserRecord::uid)
                        .ifPresent(uid -> users.put(uid, level));
            } else if (p.group() != null) {
                ControlState.find(s.groups(), GroupRecord::name, p.group()).ifPresent(g -> groups.put(g.gid(), level));
            }
        }
        return new ConfigValidator.ValidShare(
                v.name(),
                v.options().withAccess(new ShareAccess(users, groups)),
                v.metadata(),
                v.blocks(),
                v.durability());
    }

    static String ntPurpose(String user) {
        return "user " + user + " nt-hash";
    }

    // ---- changes -------------------------------------------------------------------------

    /** What one change produces: the next state, the answer, and how to undo the live part. */
    record Outcome<T>(ControlState next, T result, Runnable undo) {}

    interface Change<T> {
        Outcome<T> apply(ControlState current) throws Exception;
    }

    /**
     * Runs {@code change} under the lock: it validates and applies live; then the new state is
     * saved. When saving fails the live change is undone and the request fails.
     */
    <T> T mutate(Change<T> change) {
        lock.lock();
        try {
            Outcome<T> o;
            try {
                o = change.apply(state);
            } catch (ControlException e) {
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ControlException(400, null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            try {
                file.save(o.next());
            } catch (IOException e) {
                log.error("saving the control-plane state to {} failed; change undone", file.path(), e);
                o.undo().run();
                throw new ControlException(500, null, "the server could not save its state: " + e.getMessage());
            }
            state = o.next();
            return o.result();
        } finally {
            lock.unlock();
        }
    }

    long nextRevision() {
        return ++revision;
    }

    static void checkRevision(@Nullable Long ifMatch, long actual, String what) {
        if (ifMatch != null && ifMatch != actual) {
            throw new ControlException(
                    412, null, what + " changed since you read it (revision " + actual + "): read it again");
        }
    }

    private static long maxRevision(ControlState s) {
        return Stream.of(
                        s.users().stream().mapToLong(UserRecord::revision),
                        s.groups().stream().mapToLong(GroupRecord::revision),
                        s.metadataStores().stream().mapToLong(StoreRecord::revision),
                        s.blockStores().stream().mapToLong(StoreRecord::revision),
                        s.shares().stream().mapToLong(ShareRecord::revision),
                        s.adapters().stream().mapToLong(AdapterRecord::revision))
                .flatMapToLong(x -> x)
                .max()
                .orElse(0);
    }

    // ---- seeding -------------------------------------------------------------------------

    static ControlState seed(DittoConfig c, Sealer sealer, String adminPassword) {
        long rev = 1;
        List<UserRecord> users = new ArrayList<>();
        Map<String, Integer> gids = new HashMap<>();
        for (GroupConfig g : c.groups()) {
            gids.put(g.name(), g.gid());
        }
        for (UserConfig u : c.users()) {
            String hash = u.passwordHash();
            Sealed nt = null;
            if (u.password() != null) {
                char[] pw = u.password().toCharArray();
                hash = PasswordHasher.DEFAULT.hash(pw);
                nt = sealer.seal(NtHash.of(pw), ntPurpose(u.name()));
                Arrays.fill(pw, '\0');
            }
            users.add(new UserRecord(
                    u.name(),
                    u.uid(),
                    u.gid(),
                    u.groups() == null ? List.of() : u.groups(),
                    u.name().equals(ADMIN) ? ROLE_ADMIN : ROLE_USER,
                    hash,
                    nt,
                    rev));
        }
        if (users.stream().noneMatch(u -> u.name().equals(ADMIN))) {
            char[] pw = adminPassword.toCharArray();
            users.add(new UserRecord(
                    ADMIN, null, null, List.of(), ROLE_ADMIN, PasswordHasher.DEFAULT.hash(pw), null, rev));
            Arrays.fill(pw, '\0');
        }
        List<GroupRecord> groups = c.groups().stream()
                .map(g -> new GroupRecord(g.name(), g.gid(), 1))
                .toList();
        List<StoreRecord> metas = new ArrayList<>();
        for (MetadataStoreConfig m : c.metadataStores()) {
            Map<String, String> settings = new HashMap<>();
            putIfSet(settings, "path", m.path() == null ? null : m.path().toString());
            putIfSet(settings, "url", m.url());
            putIfSet(settings, "user", m.user());
            putIfSet(settings, "schema", m.schema());
            Map<String, Sealed> secrets = m.password() == null
                    ? Map.of()
                    : Map.of("password", sealer.seal(m.password(), "metadataStore " + m.name() + " password"));
            metas.add(new StoreRecord(m.name(), m.type(), settings, secrets, rev));
        }
        List<StoreRecord> blocks = new ArrayList<>();
        for (BlockStoreConfig b : c.blockStores()) {
            String secretKey = BlockStoreSettings.secretKey(b);
            Map<String, Sealed> secrets = secretKey == null
                    ? Map.of()
                    : Map.of(
                            BlockStoreSettings.SECRET_KEY,
                            sealer.seal(secretKey, "blockStore " + b.name() + " " + BlockStoreSettings.SECRET_KEY));
            blocks.add(new StoreRecord(b.name(), b.type(), BlockStoreSettings.settingsOf(b), secrets, rev));
        }
        List<ShareRecord> shares = c.shares().stream()
                .map(s -> ShareOps.fromConfig(s, List.of(), 1))
                .toList();
        List<AdapterRecord> adapters = List.of(
                adapterRecord("nfs", c.adapters().nfs()),
                adapterRecord("smb", c.adapters().smb()));
        return new ControlState(ControlState.FORMAT, users, groups, metas, blocks, shares, adapters);
    }

    private static AdapterRecord adapterRecord(String name, AdapterConfig a) {
        return new AdapterRecord(name, a.isEnabled(), a.port(), a.portmapPort(), a.signing(), a.encryption(), 1);
    }

    /**
     * Adapter settings the config (or the command line) states explicitly win over the state, so
     * {@code --nfs-port} or an edited port in the file does what it says; unset ones keep the
     * state's value.
     */
    private static ControlState explicitAdapterSettings(ControlState s, DittoConfig config) {
        List<AdapterRecord> out = new ArrayList<>();
        for (AdapterRecord a : s.adapters()) {
            AdapterConfig c = a.name().equals("nfs")
                    ? config.adapters().nfs()
                    : config.adapters().smb();
            AdapterRecord n = new AdapterRecord(
                    a.name(),
                    c.enabled() != null ? c.enabled() : a.enabled(),
                    c.port() != null ? c.port() : a.port(),
                    c.portmapPort() != null ? c.portmapPort() : a.portmapPort(),
                    c.signing() != null ? c.signing() : a.signing(),
                    c.encryption() != null ? c.encryption() : a.encryption(),
                    a.revision());
            if (!n.equals(a)) {
                log.info("adapter {}: the config's explicit settings replace the saved ones", a.name());
                n = new AdapterRecord(
                        n.name(),
                        n.enabled(),
                        n.port(),
                        n.portmapPort(),
                        n.signing(),
                        n.encryption(),
                        maxRevision(s) + 1);
            }
            out.add(n);
        }
        return s.withAdapters(out);
    }

    private static void putIfSet(Map<String, String> m, String k, @Nullable String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String generatePassword() {
        SecureRandom r = new SecureRandom();
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private void warnWhenConfigDiffers(DittoConfig config) {
        ControlState s = state;
        List<String> differ = new ArrayList<>();
        if (!config.shares().isEmpty()
                && !config.shares().stream()
                        .map(ShareConfig::name)
                        .sorted()
                        .toList()
                        .equals(s.shares().stream()
                                .map(ShareRecord::name)
                                .sorted()
                                .toList())) {
            differ.add("shares");
        }
        if (!config.users().isEmpty()
                && !config.users().stream().allMatch(u -> ControlState.find(s.users(), UserRecord::name, u.name())
                        .isPresent())) {
            differ.add("users");
        }
        if (!differ.isEmpty()) {
            log.warn(
                    "the config's {} differ from the control-plane state in {}: the state is authoritative"
                            + " after the first start (change it with dfsctl, or remove the state file to"
                            + " re-seed from the config)",
                    differ,
                    file.path());
        }
    }
}
