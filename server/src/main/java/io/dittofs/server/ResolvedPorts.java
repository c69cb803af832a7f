package io.dittofs.server;

import io.dittofs.server.config.AdapterConfig;
import io.dittofs.server.config.AdaptersConfig;
import io.dittofs.server.config.ConfigException;

/**
 * The ports each service listens on, 0 for a service that is off.
 *
 * @param nfs NFS program 100003
 * @param mount MOUNT program 100005
 * @param portmap the built-in portmapper
 * @param smb SMB direct TCP
 * @param api the REST API (with /status, /health, /metrics)
 */
record ResolvedPorts(int nfs, int mount, int portmap, int smb, int api) {
    public static final int NFS = 2049;
    public static final int NFS_FALLBACK = 12049;
    public static final int PORTMAP = 111;
    public static final int SMB = 445;
    public static final int SMB_FALLBACK = 12445;
    public static final int API = 8080;
    public static final int API_FALLBACK = 18080;

    static ResolvedPorts choose(AdaptersConfig a, PortChoice choice) throws ConfigException {
        int nfs = 0;
        int mount = 0;
        int portmap = 0;
        AdapterConfig n = a.nfs();
        if (n.isEnabled()) {
            nfs = choice.choose("adapters.nfs.port", n.port(), NFS, NFS_FALLBACK);
            mount = nfs; // MOUNT and NLM share the NFS port: one server dispatches by program
            portmap = choice.choose("adapters.nfs.portmapPort", n.portmapPort(), PORTMAP, 0);
        }
        int smb =
                a.smb().isEnabled() ? choice.choose("adapters.smb.port", a.smb().port(), SMB, SMB_FALLBACK) : 0;
        int api =
                a.api().isEnabled() ? choice.choose("adapters.api.port", a.api().port(), API, API_FALLBACK) : 0;
        return new ResolvedPorts(nfs, mount, portmap, smb, api);
    }
}
