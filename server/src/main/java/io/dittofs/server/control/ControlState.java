package io.dittofs.server.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything the control plane manages, as one immutable value: the state file holds exactly
 * this. Each resource carries a revision that grows with every change (its ETag).
 */
public record ControlState(
        int format,
        List<UserRecord> users,
        List<GroupRecord> groups,
        List<StoreRecord> metadataStores,
        List<StoreRecord> blockStores,
        List<ShareRecord> shares,
        List<AdapterRecord> adapters) {
    public static final int FORMAT = 1;

    public ControlState {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        metadataStores = List.copyOf(metadataStores);
        blockStores = List.copyOf(blockStores);
        shares = List.copyOf(shares);
        adapters = List.copyOf(adapters);
    }

    /**
     * An account. Without a uid it is a control-plane account only (the first admin); with one it
     * is also a file-system identity (NFS names, SMB logins).
     *
     * @param role {@code admin} or {@code user}
     * @param passwordHash Argon2id PHC string, or null when no password is set
     * @param ntHash the NT hash SMB's NTLM needs, sealed with the server key
     */
    public record UserRecord(
            String name,
            @Nullable Integer uid,
            @Nullable Integer gid,
            List<Integer> groups,
            String role,
            @Nullable String passwordHash,
            @Nullable Sealed ntHash,
            long revision) {
        public UserRecord {
            groups = List.copyOf(groups);
        }

        @Override
        public String toString() {
            return "UserRecord[name=" + name + ", uid=" + uid + ", role=" + role + "]";
        }
    }

    public record GroupRecord(String name, int gid, long revision) {}

    /**
     * A metadata or block store definition.
     *
     * @param settings the type's plain settings (path, url, ...)
     * @param secrets the type's secrets (password, secret key), sealed; never returned by the API
     */
    public record StoreRecord(
            String name, String type, Map<String, String> settings, Map<String, Sealed> secrets, long revision) {
        public StoreRecord {
            settings = Map.copyOf(settings);
            secrets = Map.copyOf(secrets);
        }
    }

    /** Who may do what on a share: exactly one of user and group; access read, write or none. */
    public record Permission(
            @Nullable String user, @Nullable String group, String access) {}

    public record ShareRecord(
            String name,
            String metadataStore,
            String blockStore,
            boolean readOnly,
            String squash,
            int anonUid,
            int anonGid,
            List<String> allowedNetworks,
            boolean secure,
            boolean guest,
            List<String> protocols,
            String durability,
            String smbEncryption,
            boolean smbContinuousAvailability,
            List<Permission> permissions,
            long revision) {
        public ShareRecord {
            allowedNetworks = List.copyOf(allowedNetworks);
            protocols = List.copyOf(protocols);
            permissions = List.copyOf(permissions);
        }
    }

    /** A protocol adapter's settings; a null port means "standard port, or the high fallback". */
    public record AdapterRecord(
            String name,
            boolean enabled,
            @Nullable Integer port,
            @Nullable Integer portmapPort,
            @Nullable String signing,
            @Nullable String encryption,
            long revision) {}

    static <T> Optional<T> find(List<T> list, Function<T, String> name, String wanted) {
        return list.stream().filter(x -> name.apply(x).equals(wanted)).findFirst();
    }

    /** {@code list} with the element named like {@code value} replaced, or appended. */
    static <T> List<T> put(List<T> list, Function<T, String> name, T value) {
        List<T> out = new ArrayList<>();
        boolean replaced = false;
        for (T x : list) {
            if (name.apply(x).equals(name.apply(value))) {
                out.add(value);
                replaced = true;
            } else {
                out.add(x);
            }
        }
        if (!replaced) {
            out.add(value);
        }
        return out;
    }

    static <T> List<T> without(List<T> list, Function<T, String> name, String gone) {
        return list.stream().filter(x -> !name.apply(x).equals(gone)).toList();
    }

    ControlState withUsers(List<UserRecord> v) {
        return new ControlState(format, v, groups, metadataStores, blockStores, shares, adapters);
    }

    ControlState withGroups(List<GroupRecord> v) {
        return new ControlState(format, users, v, metadataStores, blockStores, shares, adapters);
    }

    ControlState withMetadataStores(List<StoreRecord> v) {
        return new ControlState(format, users, groups, v, blockStores, shares, adapters);
    }

    ControlState withBlockStores(List<StoreRecord> v) {
        return new ControlState(format, users, groups, metadataStores, v, shares, adapters);
    }

    ControlState withShares(List<ShareRecord> v) {
        return new ControlState(format, users, groups, metadataStores, blockStores, v, adapters);
    }

    ControlState withAdapters(List<AdapterRecord> v) {
        return new ControlState(format, users, groups, metadataStores, blockStores, shares, v);
    }
}
