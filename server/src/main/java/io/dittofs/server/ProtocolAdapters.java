package io.dittofs.server;

import io.dittofs.nfs.NfsAdapter;
import io.dittofs.nfs.NfsSettings;
import io.dittofs.nfs.nlm.FileNlmHosts;
import io.dittofs.nfs.v4.state.ClientRecords;
import io.dittofs.runtime.adapter.ProtocolAdapter;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.DittoConfig;
import io.dittofs.server.config.ShareConfig;
import io.dittofs.smb.EncryptionMode;
import io.dittofs.smb.SmbAdapter;
import io.dittofs.smb.SmbSettings;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds the protocol adapters a config enables, with their resolved ports. */
final class ProtocolAdapters {
    private ProtocolAdapters() {}

    /**
     * How long after a start NLM serves only lock reclaims (RFC 1813 appendix II). Short, since
     * Linux clients reclaim within seconds of the SM_NOTIFY the adapter sends at start.
     */
    static final Duration NLM_GRACE = Duration.ofSeconds(10);

    static List<ProtocolAdapter> create(DittoConfig config, InetAddress bind, ResolvedPorts ports, Sid serverSid) {
        List<ProtocolAdapter> adapters = new ArrayList<>();
        if (ports.nfs() != 0) {
            int portmap = ports.portmap() == 0 ? NfsSettings.PORTMAP_DISABLED : ports.portmap();
            NfsSettings settings =
                    NfsSettings.of(bind, ports.nfs(), portmap).withLocking(NLM_GRACE, ResolvedPorts.PORTMAP);
            // Hosts holding locks are remembered across restarts so they can be told to reclaim.
            Path lockHosts = config.server().dataDir().resolve("nlm-hosts");
            // So are NFSv4 clients holding state, so they may reclaim it in the grace period.
            ClientRecords v4Clients =
                    ClientRecords.inFile(config.server().dataDir().resolve("nfs4-clients"));
            adapters.add(new NfsAdapter(settings, new FileNlmHosts(lockHosts), v4Clients));
        }
        if (ports.smb() != 0) {
            adapters.add(new SmbAdapter(smbSettings(config.adapters().smb(), bind, ports.smb(), serverSid)
                    .withShareEncryption(shareEncryption(config))
                    .withContinuouslyAvailable(continuouslyAvailable(config))));
        }
        return adapters;
    }

    /** Each share's {@code smbEncryption}, where set. */
    private static Map<String, EncryptionMode> shareEncryption(DittoConfig config) {
        Map<String, EncryptionMode> out = new HashMap<>();
        for (ShareConfig s : config.shares()) {
            if (s.smbEncryption() != null) {
                out.put(s.name(), EncryptionMode.valueOf(s.smbEncryption().toUpperCase(Locale.ROOT)));
            }
        }
        return out;
    }

    /** The shares whose {@code smbContinuousAvailability} is true. */
    private static Set<String> continuouslyAvailable(DittoConfig config) {
        Set<String> out = new HashSet<>();
        for (ShareConfig s : config.shares()) {
            if (Boolean.TRUE.equals(s.smbContinuousAvailability())) {
                out.add(s.name());
            }
        }
        return out;
    }

    private static SmbSettings smbSettings(AdapterConfig c, InetAddress bind, int port, Sid serverSid) {
        // Clients cache what they learnt of a server by its GUID: keep it stable across restarts.
        UUID guid = UUID.nameUUIDFromBytes(("dittofs-smb:" + serverSid).getBytes(StandardCharsets.UTF_8));
        SmbSettings d = SmbSettings.defaults();
        EncryptionMode encryption = c.encryption() == null
                ? d.encryption()
                : EncryptionMode.valueOf(c.encryption().toUpperCase(Locale.ROOT));
        return new SmbSettings(
                bind.getHostAddress(),
                port,
                d.maxFrameBytes(),
                "required".equals(c.signing()),
                guid,
                d.maxCredits(),
                d.netbiosName(),
                d.domainName(),
                encryption,
                Map.of(),
                Set.of());
    }
}
