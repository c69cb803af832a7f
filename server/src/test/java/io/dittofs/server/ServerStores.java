package io.dittofs.server;

import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.S3Config;
import io.dittofs.server.config.SealConfig;
import io.dittofs.store.block.BlockStore;

/** The daemon's own remote store builders, for tests in other packages. */
public final class ServerStores {
    private ServerStores() {}

    /** An S3 store as the daemon builds one from an {@code s3} block store's config. */
    public static BlockStore s3(String name, S3Config c) throws ConfigException {
        return RemoteStores.s3(name, c);
    }

    /** {@code remote} behind the sealing decorator, as the daemon builds it from a {@code seal} config. */
    public static BlockStore sealed(String name, BlockStore remote, SealConfig c) throws ConfigException {
        return RemoteStores.sealed(name, remote, c);
    }
}
