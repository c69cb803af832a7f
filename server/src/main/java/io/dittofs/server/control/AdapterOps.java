package io.dittofs.server.control;

import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.control.ControlPlane.Outcome;
import io.dittofs.server.control.ControlState.AdapterRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The NFS and SMB adapters: enable, disable, move to another port, all without a restart. */
public final class AdapterOps {
    private final ControlPlane cp;

    public AdapterOps(ControlPlane cp) {
        this.cp = cp;
    }

    public List<AdapterRecord> all() {
        return cp.state().adapters();
    }

    public AdapterRecord require(String name) {
        return ControlState.find(cp.state().adapters(), AdapterRecord::name, name)
                .orElseThrow(() -> ControlException.notFound("adapter", name));
    }

    public Map<String, Object> view(AdapterRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("enabled", r.enabled());
        m.put("port", r.port());
        if (r.name().equals("nfs")) {
            m.put("portmapPort", r.portmapPort());
        } else {
            m.put("signing", r.signing());
            m.put("encryption", r.encryption());
        }
        AdapterStatus st = cp.target().adapterStatus().stream()
                .filter(a -> a.name().equals(r.name()))
                .findFirst()
                .orElse(null);
        m.put("state", st == null ? "STOPPED" : st.state().name());
        m.put("connections", st == null ? 0 : st.connections());
        m.put(
                "endpoints",
                st == null
                        ? List.of()
                        : st.endpoints().stream()
                                .map(e -> Map.of(
                                        "service",
                                        e.service(),
                                        "port",
                                        e.address().getPort()))
                                .toList());
        m.put("revision", r.revision());
        return m;
    }

    public AdapterRecord update(String name, Requests.AdapterUpdate r, @Nullable Long ifMatch) {
        return cp.mutate(s -> {
            AdapterRecord old = ControlState.find(s.adapters(), AdapterRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("adapter", name));
            ControlPlane.checkRevision(ifMatch, old.revision(), "adapter '" + name + "'");
            AdapterRecord rec = new AdapterRecord(
                    name,
                    r.enabled() != null ? r.enabled() : old.enabled(),
                    r.port() != null ? r.port() : old.port(),
                    r.portmapPort() != null ? r.portmapPort() : old.portmapPort(),
                    r.signing() != null ? r.signing() : old.signing(),
                    r.encryption() != null ? r.encryption() : old.encryption(),
                    cp.nextRevision());
            boolean running = cp.target().adapterStatus().stream()
                    .anyMatch(a -> a.name().equals(name) && a.state() == AdapterStatus.State.RUNNING);
            boolean same = rec.enabled() == old.enabled()
                    && java.util.Objects.equals(rec.port(), old.port())
                    && java.util.Objects.equals(rec.portmapPort(), old.portmapPort())
                    && java.util.Objects.equals(rec.signing(), old.signing())
                    && java.util.Objects.equals(rec.encryption(), old.encryption());
            if (same && (running || !rec.enabled())) {
                return new Outcome<>(s, old, () -> {}); // nothing to change: enabling a running adapter is a no-op
            }
            ControlState candidate = s.withAdapters(ControlState.put(s.adapters(), AdapterRecord::name, rec));
            Validation.check(cp, candidate, "adapters." + name, f -> f);
            AdapterConfig before = ControlPlane.adapterConfig(s, name);
            try {
                cp.target().applyAdapter(name, ControlPlane.adapterConfig(candidate, name));
            } catch (ConfigException e) {
                try {
                    cp.target().applyAdapter(name, before); // the adapter was stopped to move it: start it again
                } catch (ConfigException again) {
                    throw new IllegalStateException("adapter " + name + " could not be restarted as it was", again);
                }
                throw Validation.fromApply(e, "adapters." + name);
            }
            return new Outcome<>(candidate, rec, () -> {
                try {
                    cp.target().applyAdapter(name, before);
                } catch (ConfigException e) {
                    throw new IllegalStateException("could not restore adapter " + name, e);
                }
            });
        });
    }
}
