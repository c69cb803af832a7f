package io.dittofs.server;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.share.Shares;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigValidator;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbStoreException;
import java.nio.file.Path;
import java.util.List;

/**
 * The stores of one share, opened without serving it, for offline tools such as {@code dittofs
 * fsck}. Owns and closes both stores.
 *
 * @param contentPrefix the first key segment of the share's objects
 * @param content the share's block pipeline settings (local tier folder, durability)
 */
public record OfflineShare(
        String name, MetadataStore metadata, BlockStore blocks, String contentPrefix, ContentSettings content)
        implements AutoCloseable {

    /**
     * The block pipeline settings of a share: its local tier is {@code <dataDir>/local/<share>}
     * (a temporary folder for a memory metadata store, whose namespace does not outlive the
     * process either).
     */
    public static ContentSettings contentSettings(DittoConfig config, ConfigValidator.ValidShare s) {
        Path local = s.metadata().type().equals("memory")
                ? null
                : config.server().dataDir().resolve("local").resolve(s.name());
        return ContentSettings.DEFAULTS.withLocalDir(local).withDurability(s.durability());
    }

    /** The share's stores are in use by another process (a running daemon). */
    public static final class InUseException extends Exception {
        InUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Opens the stores of share {@code name} of a validated {@code config}.
     *
     * @throws ConfigException when the config is invalid or has no such share
     * @throws InUseException when its RocksDB store is locked by a running daemon
     */
    public static OfflineShare open(DittoConfig given, String name) throws ConfigException, InUseException {
        DittoConfig config = saved(given); // after the first start, the control plane's state says what shares exist
        ConfigValidator.ValidShare share = find(config, name);
        MetadataStore metadata;
        try {
            metadata = StoreFactory.metadata(share.metadata(), config.server().dataDir());
        } catch (RocksDbStoreException e) {
            if (isLockConflict(e)) {
                throw new InUseException(
                        "the metadata store '" + share.metadata().name() + "' of share '" + name
                                + "' is locked by another process; stop the dittofs daemon using it first",
                        e);
            }
            throw e;
        }
        return withBlocks(config, share, metadata);
    }

    /**
     * Opens the metadata of share {@code name} for reading only, beside a daemon that may be
     * serving it: one consistent moment of it that is never written (see {@code
     * StoreFactory.metadataSnapshot}). The block store stays the daemon's.
     *
     * @throws ConfigException when the config is invalid or has no such durable share
     */
    public static MetadataStore openMetadataReadOnly(DittoConfig given, String name) throws ConfigException {
        DittoConfig config = saved(given);
        return StoreFactory.metadataSnapshot(
                find(config, name).metadata(), config.server().dataDir());
    }

    private static OfflineShare withBlocks(DittoConfig config, ConfigValidator.ValidShare share, MetadataStore metadata)
            throws ConfigException {
        try {
            BlockStore blocks = StoreFactory.blocks(share.blocks());
            return new OfflineShare(
                    share.name(), metadata, blocks, Shares.contentPrefix(share.name()), contentSettings(config, share));
        } catch (ConfigException | RuntimeException e) {
            metadata.close();
            throw e;
        }
    }

    private static DittoConfig saved(DittoConfig given) throws ConfigException {
        try {
            return io.dittofs.server.control.ControlPlane.savedConfig(given).orElse(given);
        } catch (java.io.IOException e) {
            throw new ConfigException("control", "cannot read the saved state: " + e.getMessage());
        }
    }

    private static ConfigValidator.ValidShare find(DittoConfig config, String name) throws ConfigException {
        List<ConfigValidator.ValidShare> shares = ConfigValidator.validate(config);
        ConfigValidator.ValidShare share = shares.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ConfigException(
                        "shares",
                        "no share named '" + name + "' (there are: "
                                + String.join(
                                        ", ",
                                        shares.stream()
                                                .map(ConfigValidator.ValidShare::name)
                                                .toList())
                                + ")"));
        if (share.metadata().type().equals("memory")) {
            throw new ConfigException(
                    "shares", "share '" + name + "' keeps its namespace in memory: there is nothing on disk to check");
        }
        return share;
    }

    /** RocksDB refuses a second open with "While lock file: .../LOCK: Resource temporarily unavailable". */
    private static boolean isLockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("/LOCK") || m.contains("lock hold") || m.contains("LOCK:"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            metadata.close();
        } finally {
            blocks.close();
        }
    }
}
