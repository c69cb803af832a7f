package io.dittofs.runtime.adapter;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What an adapter reports about itself.
 *
 * @param name the adapter's name
 * @param state its life-cycle state
 * @param endpoints where it listens (one per service, e.g. NFS, MOUNT, portmapper)
 * @param connections open client connections
 */
public record AdapterStatus(String name, State state, List<Endpoint> endpoints, int connections) {

    public AdapterStatus {
        endpoints = List.copyOf(endpoints);
    }

    /** Life-cycle states. */
    public enum State {
        STOPPED,
        STARTING,
        RUNNING,
        STOPPING,
        FAILED
    }

    /** A listening socket and the service it serves ("nfs", "mount", "portmap", "smb"). */
    public record Endpoint(String service, InetSocketAddress address) {}
}
