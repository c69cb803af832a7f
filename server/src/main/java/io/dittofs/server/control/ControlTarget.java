package io.dittofs.server.control;

import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigValidator;
import java.util.List;
import java.util.Map;

/**
 * What the control plane changes live in the running server: implemented by the daemon, the
 * composition root. Each method either applies the change or throws, leaving the server as it was.
 */
public interface ControlTarget {
    Identities identities();

    /** Opens the share's stores (reusing open ones) and starts serving it. */
    void addShare(ConfigValidator.ValidShare share) throws Exception;

    /** Serves a share with new options (same stores), without interrupting clients. */
    void updateShare(ConfigValidator.ValidShare share);

    /** Stops serving a share and flushes it. */
    void removeShare(String name);

    /** Files open on the share now, by any protocol. */
    int openFiles(String share);

    /** A store's definition changed or was removed: close the instance if one is open. */
    void storeChanged(String kind, String name);

    /** Starts, stops or restarts adapter {@code name} ("nfs", "smb") with {@code config}. */
    void applyAdapter(String name, AdapterConfig config) throws ConfigException;

    List<AdapterStatus> adapterStatus();

    /** The block pipeline of each served share, by share name, for its counters in the status. */
    default Map<String, ContentStore> contentStores() {
        return Map.of();
    }
}
