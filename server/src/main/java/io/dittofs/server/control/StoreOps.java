package io.dittofs.server.control;

import io.dittofs.server.control.ControlPlane.Outcome;
import io.dittofs.server.control.ControlState.ShareRecord;
import io.dittofs.server.control.ControlState.StoreRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Metadata and block store definitions. A store is opened when the first share using it starts;
 * a store a share uses cannot be changed or removed. Secrets are sealed at once and never
 * returned: a view lists only their names.
 */
public final class StoreOps {
    /** Which kind of store: the API path segment and the config section. */
    public enum Kind {
        METADATA("metadata", "metadataStores", "metadata store"),
        BLOCK("block", "blockStores", "block store");

        final String path;
        final String section;
        final String label;

        Kind(String path, String section, String label) {
            this.path = path;
            this.section = section;
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Plain settings and secrets each type takes. */
    private record TypeKeys(Set<String> settings, Set<String> secrets) {}

    private static final Map<String, TypeKeys> METADATA_TYPES = Map.of(
            "memory", new TypeKeys(Set.of(), Set.of()),
            "rocksdb", new TypeKeys(Set.of("path"), Set.of()),
            "postgres", new TypeKeys(Set.of("url", "user", "schema"), Set.of("password")));
    private static final Map<String, TypeKeys> BLOCK_TYPES = Map.of(
            "memory", new TypeKeys(BlockStoreSettings.settingsOf("memory"), Set.of()),
            "filesystem", new TypeKeys(BlockStoreSettings.settingsOf("filesystem"), Set.of()),
            "s3", new TypeKeys(BlockStoreSettings.settingsOf("s3"), Set.of(BlockStoreSettings.SECRET_KEY)));

    private final ControlPlane cp;

    public StoreOps(ControlPlane cp) {
        this.cp = cp;
    }

    private static List<StoreRecord> list(ControlState s, Kind k) {
        return k == Kind.METADATA ? s.metadataStores() : s.blockStores();
    }

    private static ControlState with(ControlState s, Kind k, List<StoreRecord> v) {
        return k == Kind.METADATA ? s.withMetadataStores(v) : s.withBlockStores(v);
    }

    private static Map<String, TypeKeys> types(Kind k) {
        return k == Kind.METADATA ? METADATA_TYPES : BLOCK_TYPES;
    }

    private static List<String> usedBy(ControlState s, Kind k, String name) {
        Function<ShareRecord, String> ref = k == Kind.METADATA ? ShareRecord::metadataStore : ShareRecord::blockStore;
        return s.shares().stream()
                .filter(sh -> ref.apply(sh).equals(name))
                .map(ShareRecord::name)
                .toList();
    }

    public List<StoreRecord> all(Kind k) {
        return list(cp.state(), k);
    }

    public StoreRecord require(Kind k, String name) {
        return ControlState.find(list(cp.state(), k), StoreRecord::name, name)
                .orElseThrow(() -> ControlException.notFound(k.label, name));
    }

    public Map<String, Object> view(Kind k, StoreRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("type", r.type());
        m.put("settings", new java.util.TreeMap<>(r.settings()));
        m.put("secrets", r.secrets().keySet().stream().sorted().toList());
        m.put("usedBy", usedBy(cp.state(), k, r.name()));
        m.put("revision", r.revision());
        return m;
    }

    public StoreRecord create(Kind k, Requests.StoreCreate r) {
        return cp.mutate(s -> {
            Accounts.checkName("name", r.name());
            if (ControlState.find(list(s, k), StoreRecord::name, r.name()).isPresent()) {
                throw ControlException.invalid("name", k.label + " '" + r.name() + "' exists");
            }
            TypeKeys keys = types(k).get(r.type());
            if (keys == null) {
                throw ControlException.invalid(
                        "type",
                        "must be one of " + types(k).keySet().stream().sorted().toList() + ", not '" + r.type() + "'");
            }
            StoreRecord rec = record(k, r.name(), r.type(), keys, Map.of(), Map.of(), r.settings(), r.secrets());
            return commit(s, k, rec, null);
        });
    }

    public StoreRecord update(Kind k, String name, Requests.StoreUpdate r, @Nullable Long ifMatch) {
        return cp.mutate(s -> {
            StoreRecord old = ControlState.find(list(s, k), StoreRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound(k.label, name));
            ControlPlane.checkRevision(ifMatch, old.revision(), k.label + " '" + name + "'");
            List<String> users = usedBy(s, k, name);
            if (!users.isEmpty()) {
                throw ControlException.conflict(
                        null, k.label + " '" + name + "' is used by shares " + users + ": remove them first");
            }
            TypeKeys keys = types(k).get(old.type());
            StoreRecord rec =
                    record(k, name, old.type(), keys, old.settings(), old.secrets(), r.settings(), r.secrets());
            return commit(s, k, rec, old);
        });
    }

    public void delete(Kind k, String name) {
        cp.mutate(s -> {
            StoreRecord old = ControlState.find(list(s, k), StoreRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound(k.label, name));
            List<String> users = usedBy(s, k, name);
            if (!users.isEmpty()) {
                throw ControlException.conflict(
                        null, k.label + " '" + name + "' is used by shares " + users + ": remove them first");
            }
            cp.target().storeChanged(k.path, name);
            return new Outcome<>(with(s, k, ControlState.without(list(s, k), StoreRecord::name, name)), old, () -> {});
        });
    }

    private StoreRecord record(
            Kind k,
            String name,
            String type,
            TypeKeys keys,
            Map<String, String> oldSettings,
            Map<String, Sealed> oldSecrets,
            @Nullable Map<String, String> settings,
            @Nullable Map<String, String> secrets) {
        Map<String, String> st = new HashMap<>(oldSettings);
        if (settings != null) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                if (!keys.settings().contains(e.getKey())) {
                    throw ControlException.invalid(
                            "settings." + e.getKey(), "a " + type + " store takes " + sorted(keys.settings()));
                }
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    st.remove(e.getKey());
                } else {
                    if (k == Kind.BLOCK) {
                        BlockStoreSettings.checkValue(e.getKey(), e.getValue());
                    }
                    st.put(e.getKey(), e.getValue());
                }
            }
        }
        Map<String, Sealed> sc = new HashMap<>(oldSecrets);
        if (secrets != null) {
            for (Map.Entry<String, String> e : secrets.entrySet()) {
                if (!keys.secrets().contains(e.getKey())) {
                    throw ControlException.invalid(
                            "secrets." + e.getKey(), "a " + type + " store's secrets are " + sorted(keys.secrets()));
                }
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    sc.remove(e.getKey());
                } else {
                    String purpose = (k == Kind.METADATA ? "metadataStore " : "blockStore ") + name + " " + e.getKey();
                    sc.put(e.getKey(), cp.sealer().seal(e.getValue(), purpose));
                }
            }
        }
        return new StoreRecord(name, type, st, sc, cp.nextRevision());
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private Outcome<StoreRecord> commit(ControlState s, Kind k, StoreRecord rec, @Nullable StoreRecord old) {
        List<StoreRecord> next = ControlState.put(list(s, k), StoreRecord::name, rec);
        ControlState candidate = with(s, k, next);
        int index = next.indexOf(rec);
        Validation.check(cp, candidate, k.section + "[" + index + "]", f -> switch (f) {
            case "name", "type" -> f;
            default -> k == Kind.BLOCK ? BlockStoreSettings.apiField(f) : "settings." + f;
        });
        if (old != null) {
            cp.target().storeChanged(k.path, rec.name());
        }
        return new Outcome<>(candidate, rec, () -> {});
    }
}
