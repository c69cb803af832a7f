package io.dittofs.server.control;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies of the API, read strictly (unknown fields and wrong types are refused). In an
 * update a field left out keeps its value.
 */
public final class Requests {
    private Requests() {}

    /** Refuses a missing required field (Jackson hands a record null for an absent one). */
    static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw ControlException.invalid(field, "required");
        }
        return value;
    }

    /** Refuses null elements in a list. */
    static void noNulls(@Nullable List<?> list, String field) {
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw ControlException.invalid(field + "[" + i + "]", "must not be null");
                }
            }
        }
    }

    public record Login(String username, String password) {
        public Login {
            required(username, "username");
            required(password, "password");
        }

        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    public record Refresh(String refreshToken) {
        public Refresh {
            required(refreshToken, "refreshToken");
        }
    }

    public record UserCreate(
            String name,
            @Nullable Integer uid,
            @Nullable Integer gid,
            @Nullable List<String> groups,
            @Nullable String role,
            @Nullable String password) {
        public UserCreate {
            required(name, "name");
            noNulls(groups, "groups");
        }

        @Override
        public String toString() {
            return "UserCreate[" + name + "]";
        }
    }

    public record UserUpdate(
            @Nullable Integer uid,
            @Nullable Integer gid,
            @Nullable List<String> groups,
            @Nullable String role) {}

    public record Password(String password) {
        public Password {
            required(password, "password");
        }

        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    public record GroupCreate(String name, Integer gid) {
        public GroupCreate {
            required(name, "name");
            required(gid, "gid");
        }
    }

    public record GroupUpdate(@Nullable Integer gid) {}

    public record StoreCreate(
            String name,
            String type,
            @Nullable Map<String, String> settings,
            @Nullable Map<String, String> secrets) {
        public StoreCreate {
            required(name, "name");
            required(type, "type");
        }

        @Override
        public String toString() {
            return "StoreCreate[" + name + ", " + type + "]";
        }
    }

    public record StoreUpdate(
            @Nullable Map<String, String> settings,
            @Nullable Map<String, String> secrets) {
        @Override
        public String toString() {
            return "StoreUpdate";
        }
    }

    public record ShareCreate(
            String name,
            @Nullable String metadataStore,
            @Nullable String blockStore,
            @Nullable Boolean readOnly,
            @Nullable String squash,
            @Nullable Integer anonUid,
            @Nullable Integer anonGid,
            @Nullable List<String> allowedNetworks,
            @Nullable Boolean secure,
            @Nullable Boolean guest,
            @Nullable List<String> protocols,
            @Nullable String durability,
            @Nullable String smbEncryption,
            @Nullable Boolean smbContinuousAvailability,
            @Nullable List<ControlState.Permission> permissions) {
        public ShareCreate {
            required(name, "name");
            noNulls(allowedNetworks, "allowedNetworks");
            noNulls(protocols, "protocols");
            noNulls(permissions, "permissions");
        }
    }

    public record ShareUpdate(
            @Nullable String metadataStore,
            @Nullable String blockStore,
            @Nullable Boolean readOnly,
            @Nullable String squash,
            @Nullable Integer anonUid,
            @Nullable Integer anonGid,
            @Nullable List<String> allowedNetworks,
            @Nullable Boolean secure,
            @Nullable Boolean guest,
            @Nullable List<String> protocols,
            @Nullable String durability,
            @Nullable String smbEncryption,
            @Nullable Boolean smbContinuousAvailability,
            @Nullable List<ControlState.Permission> permissions) {
        public ShareUpdate {
            noNulls(allowedNetworks, "allowedNetworks");
            noNulls(protocols, "protocols");
            noNulls(permissions, "permissions");
        }
    }

    public record AdapterUpdate(
            @Nullable Boolean enabled,
            @Nullable Integer port,
            @Nullable Integer portmapPort,
            @Nullable String signing,
            @Nullable String encryption) {}
}
