package io.dittofs.server.config;

import java.util.List;

/**
 * The whole configuration, as read from YAML. Every field has a default (see
 * {@code docs/configuration.md}), so a file holds only what differs.
 *
 * @param server process-wide settings
 * @param metadataStores named metadata stores
 * @param blockStores named block stores
 * @param shares what is served
 * @param adapters which protocols listen where
 * @param users accounts (for SMB and, later, the control plane)
 * @param groups groups
 */
public record DittoConfig(
        ServerSettings server,
        List<MetadataStoreConfig> metadataStores,
        List<BlockStoreConfig> blockStores,
        List<ShareConfig> shares,
        AdaptersConfig adapters,
        List<UserConfig> users,
        List<GroupConfig> groups) {

    public DittoConfig {
        server = server == null ? ServerSettings.DEFAULTS : server;
        metadataStores = metadataStores == null ? List.of() : List.copyOf(metadataStores);
        blockStores = blockStores == null ? List.of() : List.copyOf(blockStores);
        shares = shares == null ? List.of() : List.copyOf(shares);
        adapters = adapters == null ? AdaptersConfig.DEFAULTS : adapters;
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
