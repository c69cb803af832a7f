package io.dittofs.server.config;

import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.share.NetworkRange;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Squash;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link DittoConfig} as a whole (names resolve, values are in range, folders exist) and
 * turns each share into runtime {@link ShareOptions}. Every problem is collected, so one run
 * reports all of them.
 */
public final class ConfigValidator {
    /** Share, store and user names: what every protocol and a file name can carry. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    private static final List<String> METADATA_TYPES = List.of("rocksdb", "postgres", "memory");
    private static final List<String> BLOCK_TYPES = List.of("memory", "filesystem", "s3");

    private final List<String> problems = new ArrayList<>();

    private ConfigValidator() {}

    /** A share whose references resolved. */
    public record ValidShare(
            String name,
            ShareOptions options,
            MetadataStoreConfig metadata,
            BlockStoreConfig blocks,
            ContentSettings.Durability durability) {}

    public static List<ValidShare> validate(DittoConfig c) throws ConfigException {
        ConfigValidator v = new ConfigValidator();
        List<ValidShare> shares = v.check(c);
        if (!v.problems.isEmpty()) {
            throw new ConfigException(v.problems);
        }
        return shares;
    }

    private void problem(String key, String reason) {
        problems.add(key + ": " + reason);
    }

    private List<ValidShare> check(DittoConfig c) {
        checkServer(c.server());
        Map<String, MetadataStoreConfig> metas = new HashMap<>();
        for (int i = 0; i < c.metadataStores().size(); i++) {
            MetadataStoreConfig m = c.metadataStores().get(i);
            String key = "metadataStores[" + i + "]";
            if (checkName(key + ".name", m.name()) && metas.putIfAbsent(m.name(), m) != null) {
                problem(key + ".name", "duplicate store name '" + m.name() + "'");
            }
            if (m.type() == null || !METADATA_TYPES.contains(m.type())) {
                problem(key + ".type", "must be one of " + METADATA_TYPES + ", not '" + m.type() + "'");
            } else if (m.type().equals("postgres")) {
                if (m.url() == null || !m.url().startsWith("jdbc:postgresql:")) {
                    problem(key + ".url", "a postgres store needs a JDBC URL (jdbc:postgresql://host:port/database)");
                }
                if (m.schema() != null && !m.schema().matches("[a-z_][a-z0-9_]{0,62}")) {
                    problem(key + ".schema", "lower-case letters, digits and '_', up to 63");
                }
            } else if (m.url() != null || m.user() != null || m.password() != null || m.schema() != null) {
                problem(key, "url, user, password and schema are for postgres stores only");
            }
        }
        Map<String, BlockStoreConfig> blocks = new HashMap<>();
        for (int i = 0; i < c.blockStores().size(); i++) {
            BlockStoreConfig b = c.blockStores().get(i);
            String key = "blockStores[" + i + "]";
            if (checkName(key + ".name", b.name()) && blocks.putIfAbsent(b.name(), b) != null) {
                problem(key + ".name", "duplicate store name '" + b.name() + "'");
            }
            if (b.type() == null || !BLOCK_TYPES.contains(b.type())) {
                problem(key + ".type", "must be one of " + BLOCK_TYPES + ", not '" + b.type() + "'");
            } else if (b.type().equals("filesystem")) {
                Path p = b.path();
                if (p == null) {
                    problem(key + ".path", "a filesystem store needs a path");
                } else if (!Files.isDirectory(p)) {
                    problem(key + ".path", "folder " + p.toAbsolutePath() + " does not exist");
                } else if (!Files.isWritable(p)) {
                    problem(key + ".path", "folder " + p.toAbsolutePath() + " is not writable");
                }
            }
            BlockStoreChecks.checkS3(key, b, this::problem);
            BlockStoreChecks.checkSeal(key, b, this::problem);
        }
        List<ValidShare> shares = new ArrayList<>();
        Set<String> shareNames = new HashSet<>();
        for (int i = 0; i < c.shares().size(); i++) {
            ValidShare s = checkShare("shares[" + i + "]", c.shares().get(i), metas, blocks);
            if (s != null) {
                if (!shareNames.add(s.name().toLowerCase(Locale.ROOT))) {
                    problem(
                            "shares[" + i + "].name",
                            "duplicate share name '" + s.name() + "' (names ignore case for SMB)");
                } else {
                    shares.add(s);
                }
            }
        }
        checkAdapters(c.adapters());
        checkUsers(c);
        return shares;
    }

    private void checkServer(ServerSettings s) {
        if (s.shutdownGraceSeconds() < 0 || s.shutdownGraceSeconds() > 3600) {
            problem("server.shutdownGraceSeconds", "must be 0 to 3600");
        }
        if (!isLiteralAddress(s.bind())) {
            problem("server.bind", "'" + s.bind() + "' is not an IP address");
        }
    }

    static boolean isLiteralAddress(String s) {
        if (!(s.contains(":") || s.matches("[0-9.]+"))) {
            return false; // a host name would mean a DNS lookup at start: refuse it
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private boolean checkName(String key, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            problem(key, "'" + name + "' is not a valid name (letters, digits, '.', '_', '-'; up to 80; no '/')");
            return false;
        }
        return true;
    }

    private ValidShare checkShare(
            String key, ShareConfig s, Map<String, MetadataStoreConfig> metas, Map<String, BlockStoreConfig> blocks) {
        int before = problems.size();
        checkName(key + ".name", s.name());
        MetadataStoreConfig meta = metas.get(s.metadataStore());
        if (meta == null) {
            problem(key + ".metadataStore", "no metadata store named '" + s.metadataStore() + "'");
        }
        BlockStoreConfig block = blocks.get(s.blockStore());
        if (block == null) {
            problem(key + ".blockStore", "no block store named '" + s.blockStore() + "'");
        }
        Squash squash = Squash.NONE;
        if (s.squash() != null) {
            try {
                squash = Squash.valueOf(s.squash().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(key + ".squash", "must be none, root or all, not '" + s.squash() + "'");
            }
        }
        List<NetworkRange> networks = new ArrayList<>();
        List<String> nets = s.allowedNetworks() == null ? List.of() : s.allowedNetworks();
        for (int j = 0; j < nets.size(); j++) {
            try {
                networks.add(NetworkRange.parse(nets.get(j)));
            } catch (IllegalArgumentException e) {
                problem(key + ".allowedNetworks[" + j + "]", e.getMessage());
            }
        }
        Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        for (String p : s.protocols() == null ? List.of("nfs", "smb") : s.protocols()) {
            switch (p == null ? "" : p.toLowerCase(Locale.ROOT)) {
                case "nfs" -> protocols.addAll(List.of(Protocol.NFS3, Protocol.NFS4));
                case "smb" -> protocols.add(Protocol.SMB2);
                default -> problem(key + ".protocols", "'" + p + "' is not nfs or smb");
            }
        }
        if (s.smbEncryption() != null
                && !List.of("off", "desired", "required")
                        .contains(s.smbEncryption().toLowerCase(Locale.ROOT))) {
            problem(key + ".smbEncryption", "must be off, desired or required, not '" + s.smbEncryption() + "'");
        }
        ContentSettings.Durability durability = ContentSettings.Durability.LOCAL;
        switch (s.durability() == null ? "local" : s.durability().toLowerCase(Locale.ROOT)) {
            case "local" -> durability = ContentSettings.Durability.LOCAL;
            case "remote" -> durability = ContentSettings.Durability.REMOTE;
            default -> problem(key + ".durability", "'" + s.durability() + "' is not local or remote");
        }
        int anonUid = s.anonUid() == null ? 65534 : s.anonUid();
        int anonGid = s.anonGid() == null ? 65534 : s.anonGid();
        if (problems.size() > before) {
            return null;
        }
        ShareOptions options = new ShareOptions(
                Boolean.TRUE.equals(s.readOnly()),
                squash,
                anonUid,
                anonGid,
                networks,
                Boolean.TRUE.equals(s.secure()),
                Boolean.TRUE.equals(s.guest()),
                protocols);
        return new ValidShare(s.name(), options, meta, block, durability);
    }

    private void checkAdapters(AdaptersConfig a) {
        checkAdapter("adapters.nfs", a.nfs());
        checkAdapter("adapters.smb", a.smb());
        checkAdapter("adapters.api", a.api());
        for (String name : List.of("nfs", "api")) {
            AdapterConfig c = name.equals("nfs") ? a.nfs() : a.api();
            if (c.signing() != null || c.encryption() != null) {
                problem("adapters." + name, "signing and encryption are smb settings");
            }
        }
        if (a.smb().signing() != null
                && !List.of("enabled", "required").contains(a.smb().signing())) {
            problem(
                    "adapters.smb.signing",
                    "must be enabled or required, not '" + a.smb().signing() + "'");
        }
        if (a.smb().encryption() != null
                && !List.of("off", "desired", "required").contains(a.smb().encryption())) {
            problem(
                    "adapters.smb.encryption",
                    "must be off, desired or required, not '" + a.smb().encryption() + "'");
        }
        if (a.api().portmapPort() != null) {
            problem("adapters.api.portmapPort", "only the nfs adapter has a portmapper");
        }
        if (a.smb().portmapPort() != null) {
            problem("adapters.smb.portmapPort", "only the nfs adapter has a portmapper");
        }
    }

    private void checkAdapter(String key, AdapterConfig c) {
        checkPort(key + ".port", c.port(), false);
        checkPort(key + ".portmapPort", c.portmapPort(), true);
    }

    private void checkPort(String key, Integer port, boolean zeroDisables) {
        if (port != null && (port < (zeroDisables ? 0 : 1) || port > 65535)) {
            problem(key, port + " is not a port (1 to 65535" + (zeroDisables ? ", or 0 to disable" : "") + ")");
        }
    }

    private void checkUsers(DittoConfig c) {
        Set<String> names = new HashSet<>();
        Set<Integer> uids = new HashSet<>();
        for (int i = 0; i < c.users().size(); i++) {
            UserConfig u = c.users().get(i);
            String key = "users[" + i + "]";
            if (checkName(key + ".name", u.name()) && !names.add(u.name())) {
                problem(key + ".name", "duplicate user '" + u.name() + "'");
            }
            if (u.uid() == null || u.uid() < 0) {
                problem(key + ".uid", "a non-negative uid is required");
            } else if (!uids.add(u.uid())) {
                problem(key + ".uid", "uid " + u.uid() + " is used by another user");
            }
            if (u.gid() == null || u.gid() < 0) {
                problem(key + ".gid", "a non-negative gid is required");
            }
            if (u.password() != null && u.passwordHash() != null) {
                problem(key, "give password or passwordHash, not both");
            }
        }
        Set<String> groupNames = new HashSet<>();
        for (int i = 0; i < c.groups().size(); i++) {
            GroupConfig g = c.groups().get(i);
            String key = "groups[" + i + "]";
            if (checkName(key + ".name", g.name()) && !groupNames.add(g.name())) {
                problem(key + ".name", "duplicate group '" + g.name() + "'");
            }
            if (g.gid() == null || g.gid() < 0) {
                problem(key + ".gid", "a non-negative gid is required");
            }
        }
    }
}
