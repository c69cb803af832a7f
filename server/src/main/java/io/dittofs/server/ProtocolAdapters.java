package io.dittofs.server;

import io.dittofs.runtime.adapter.ProtocolAdapter;
import io.dittofs.server.config.DittoConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Builds the protocol adapters a config enables, with their resolved ports. */
final class ProtocolAdapters {
    private ProtocolAdapters() {}

    static List<ProtocolAdapter> create(DittoConfig config, InetAddress bind, ResolvedPorts ports) {
        List<ProtocolAdapter> adapters = new ArrayList<>();
        return adapters;
    }
}
