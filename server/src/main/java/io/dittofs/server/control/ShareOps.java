package io.dittofs.server.control;

import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigValidator;
import io.dittofs.server.config.ShareConfig;
import io.dittofs.server.control.ControlPlane.Outcome;
import io.dittofs.server.control.ControlState.GroupRecord;
import io.dittofs.server.control.ControlState.Permission;
import io.dittofs.server.control.ControlState.ShareRecord;
import io.dittofs.server.control.ControlState.StoreRecord;
import io.dittofs.server.control.ControlState.UserRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Shares: created, changed and removed while the server runs. A new share is served as soon as
 * the request returns; a change of options applies to the next operation of every client; a share
 * with open files is removed only when forced.
 */
public final class ShareOps {
    private static final Set<String> ACCESS = Set.of("read", "write", "none");

    private final ControlPlane cp;

    public ShareOps(ControlPlane cp) {
        this.cp = cp;
    }

    /** A share record with the config's defaults filled in. */
    static ShareRecord fromConfig(ShareConfig s, List<Permission> permissions, long revision) {
        return new ShareRecord(
                s.name(),
                s.metadataStore(),
                s.blockStore(),
                Boolean.TRUE.equals(s.readOnly()),
                s.squash() == null ? "none" : s.squash(),
                s.anonUid() == null ? 65534 : s.anonUid(),
                s.anonGid() == null ? 65534 : s.anonGid(),
                s.allowedNetworks() == null ? List.of() : s.allowedNetworks(),
                Boolean.TRUE.equals(s.secure()),
                Boolean.TRUE.equals(s.guest()),
                s.protocols() == null ? List.of("nfs", "smb") : s.protocols(),
                s.durability() == null ? "local" : s.durability().toLowerCase(Locale.ROOT),
                s.smbEncryption() == null ? "off" : s.smbEncryption().toLowerCase(Locale.ROOT),
                Boolean.TRUE.equals(s.smbContinuousAvailability()),
                permissions,
                revision);
    }

    public List<ShareRecord> all() {
        return cp.state().shares();
    }

    public ShareRecord require(String name) {
        return ControlState.find(cp.state().shares(), ShareRecord::name, name)
                .orElseThrow(() -> ControlException.notFound("share", name));
    }

    public Map<String, Object> view(ShareRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("metadataStore", r.metadataStore());
        m.put("blockStore", r.blockStore());
        m.put("readOnly", r.readOnly());
        m.put("squash", r.squash());
        m.put("anonUid", r.anonUid());
        m.put("anonGid", r.anonGid());
        m.put("allowedNetworks", r.allowedNetworks());
        m.put("secure", r.secure());
        m.put("guest", r.guest());
        m.put("protocols", r.protocols());
        m.put("durability", r.durability());
        m.put("smbEncryption", r.smbEncryption());
        m.put("smbContinuousAvailability", r.smbContinuousAvailability());
        m.put("permissions", r.permissions());
        m.put("openFiles", cp.target().openFiles(r.name()));
        m.put("revision", r.revision());
        return m;
    }

    public ShareRecord create(Requests.ShareCreate r) {
        return cp.mutate(s -> {
            Accounts.checkName("name", r.name());
            String meta =
                    r.metadataStore() != null ? r.metadataStore() : defaultStore(s.metadataStores(), "metadataStore");
            String block = r.blockStore() != null ? r.blockStore() : defaultStore(s.blockStores(), "blockStore");
            checkPermissions(s, r.permissions());
            ShareConfig c = new ShareConfig(
                    r.name(),
                    meta,
                    block,
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
            ShareRecord rec = fromConfig(c, r.permissions() == null ? List.of() : r.permissions(), cp.nextRevision());
            if (s.shares().stream().anyMatch(x -> x.name().equalsIgnoreCase(r.name()))) {
                throw ControlException.invalid(
                        "name", "share '" + r.name() + "' exists (share names ignore case for SMB)");
            }
            List<ShareRecord> next = ControlState.put(s.shares(), ShareRecord::name, rec);
            ControlState candidate = s.withShares(next);
            ConfigValidator.ValidShare vs = valid(candidate, next.indexOf(rec), rec.name());
            try {
                cp.target().addShare(vs);
            } catch (ConfigException e) {
                throw Validation.fromApply(e, "metadataStores");
            }
            return new Outcome<>(candidate, rec, () -> cp.target().removeShare(rec.name()));
        });
    }

    public ShareRecord update(String name, Requests.ShareUpdate r, @Nullable Long ifMatch) {
        return cp.mutate(s -> {
            ShareRecord old = ControlState.find(s.shares(), ShareRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("share", name));
            ControlPlane.checkRevision(ifMatch, old.revision(), "share '" + name + "'");
            if (r.metadataStore() != null && !r.metadataStore().equals(old.metadataStore())) {
                throw ControlException.invalid(
                        "metadataStore", "a share keeps its stores: create a new share to use another store");
            }
            if (r.blockStore() != null && !r.blockStore().equals(old.blockStore())) {
                throw ControlException.invalid(
                        "blockStore", "a share keeps its stores: create a new share to use another store");
            }
            if (r.durability() != null && !r.durability().equalsIgnoreCase(old.durability())) {
                throw ControlException.invalid("durability", "a share's durability is set when it is created");
            }
            if (r.smbEncryption() != null && !r.smbEncryption().equalsIgnoreCase(old.smbEncryption())) {
                // The SMB adapter reads share encryption when it starts; say so rather than ignore it.
                throw ControlException.invalid("smbEncryption", "a share's SMB encryption is set when it is created");
            }
            if (r.smbContinuousAvailability() != null
                    && r.smbContinuousAvailability() != old.smbContinuousAvailability()) {
                throw ControlException.invalid(
                        "smbContinuousAvailability", "a share's SMB continuous availability is set when it is created");
            }
            checkPermissions(s, r.permissions());
            ShareRecord rec = new ShareRecord(
                    name,
                    old.metadataStore(),
                    old.blockStore(),
                    or(r.readOnly(), old.readOnly()),
                    or(r.squash(), old.squash()),
                    or(r.anonUid(), old.anonUid()),
                    or(r.anonGid(), old.anonGid()),
                    or(r.allowedNetworks(), old.allowedNetworks()),
                    or(r.secure(), old.secure()),
                    or(r.guest(), old.guest()),
                    or(r.protocols(), old.protocols()),
                    old.durability(),
                    old.smbEncryption(),
                    old.smbContinuousAvailability(),
                    or(r.permissions(), old.permissions()),
                    cp.nextRevision());
            List<ShareRecord> next = ControlState.put(s.shares(), ShareRecord::name, rec);
            ControlState candidate = s.withShares(next);
            ConfigValidator.ValidShare vs = valid(candidate, next.indexOf(rec), name);
            ConfigValidator.ValidShare before = valid(s, s.shares().indexOf(old), name);
            cp.target().updateShare(vs);
            return new Outcome<>(candidate, rec, () -> cp.target().updateShare(before));
        });
    }

    public void delete(String name, boolean force) {
        cp.mutate(s -> {
            ShareRecord old = ControlState.find(s.shares(), ShareRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("share", name));
            int open = cp.target().openFiles(name);
            if (open > 0 && !force) {
                throw ControlException.conflict(
                        null, "share '" + name + "' has " + open + " open files: close them or delete with force=true");
            }
            ConfigValidator.ValidShare before = valid(s, s.shares().indexOf(old), name);
            cp.target().removeShare(name);
            return new Outcome<>(s.withShares(ControlState.without(s.shares(), ShareRecord::name, name)), old, () -> {
                try {
                    cp.target().addShare(before);
                } catch (Exception e) {
                    throw new IllegalStateException("could not serve share '" + name + "' again", e);
                }
            });
        });
    }

    private ConfigValidator.ValidShare valid(ControlState candidate, int index, String name) {
        return Validation.check(cp, candidate, "shares[" + index + "]", f -> f).stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .map(v -> ControlPlane.withAccess(candidate, v))
                .orElseThrow(() -> new ControlException(400, null, "share '" + name + "' is not valid"));
    }

    private static String defaultStore(List<StoreRecord> stores, String field) {
        if (stores.size() == 1) {
            return stores.getFirst().name();
        }
        return stores.stream()
                .map(StoreRecord::name)
                .filter("default"::equals)
                .findFirst()
                .orElseThrow(() -> ControlException.invalid(
                        field,
                        "required: choose one of "
                                + stores.stream().map(StoreRecord::name).toList()));
    }

    private static void checkPermissions(ControlState s, @Nullable List<Permission> ps) {
        if (ps == null) {
            return;
        }
        for (int i = 0; i < ps.size(); i++) {
            Permission p = ps.get(i);
            String f = "permissions[" + i + "]";
            if (p == null || (p.user() == null) == (p.group() == null)) {
                throw ControlException.invalid(f, "give exactly one of user and group");
            }
            if (p.user() != null
                    && ControlState.find(s.users(), UserRecord::name, p.user())
                            .map(UserRecord::uid)
                            .isEmpty()) {
                throw ControlException.invalid(f + ".user", "no user named '" + p.user() + "' with a uid");
            }
            if (p.group() != null
                    && ControlState.find(s.groups(), GroupRecord::name, p.group())
                            .isEmpty()) {
                throw ControlException.invalid(f + ".group", "no group named '" + p.group() + "'");
            }
            if (!ACCESS.contains(Objects.requireNonNullElse(p.access(), ""))) {
                throw ControlException.invalid(f + ".access", "must be read, write or none");
            }
        }
    }

    private static <T> T or(@Nullable T v, T old) {
        return v != null ? v : old;
    }
}
